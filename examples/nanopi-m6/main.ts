import { join } from 'path';
import { createSettingsApp } from './settings';

// `cdktf synth|diff|deploy` sets CDKTF_OUTDIR; `npx projen example` writes next to this file.
createSettingsApp(process.env.CDKTF_OUTDIR ?? join(__dirname, 'cdktf.out')).synth();
