import { createProject } from './workflows';

createProject(__dirname).synth();
