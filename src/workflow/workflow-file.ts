import { IConstruct } from 'constructs';
import { FileBase, IResolver } from 'projen';
import { Document, isMap, isPair, isScalar, visit } from 'yaml';
import { ActionPins } from './pinned-actions';

/** projen's generated-file marker prefix (split so this file does not match it). */
const PROJEN_MARKER = '~~ Generated' + ' by projen';

/**
 * Renders a workflow object as YAML with a fixed marker line and a `# vX.Y.Z` comment
 * after every pinned `uses:` SHA. Output is a pure function of the object.
 */
export function renderWorkflowYaml(workflow: object, marker: string | undefined, pins: ActionPins = new ActionPins(), notes: string[] = []): string {
  const doc = new Document(workflow, { aliasDuplicateObjects: false });
  visit(doc, {
    Pair(_key, pair) {
      if (isPair(pair) && isScalar(pair.key) && pair.key.value === 'uses' && isScalar(pair.value)) {
        const version = pins.versionOf(String(pair.value.value));
        if (version) {
          pair.value.comment = ` ${version}`;
        }
      }
    },
  });
  // Keep `on` as a plain key (YAML 1.2 has no boolean "on").
  if (isMap(doc.contents)) {
    doc.contents.flow = false;
  }
  const body = doc.toString({ indent: 2, lineWidth: 0, minContentWidth: 0 });
  const header = [...(marker ? [`# ${marker}`] : []), ...notes.map((n) => `# ${n}`)];
  return header.length > 0 ? `${header.join('\n')}\n\n${body}` : body;
}

/**
 * A projen file holding one generated workflow.
 */
export class GeneratedWorkflowFile extends FileBase {
  constructor(
    scope: IConstruct,
    filePath: string,
    private readonly render: () => object,
    private readonly pins: ActionPins,
    private readonly notes: () => string[] = () => [],
  ) {
    super(scope, filePath, { marker: true, readonly: true, committed: true });
  }

  protected synthesizeContent(_resolver: IResolver): string | undefined {
    // A fixed marker (no timestamp, no path of this machine): projen's marker prefix so
    // projen treats the file as generated, plus where the file comes from.
    const marker = this.marker ? `${PROJEN_MARKER} (talos-sbc-constructs ReleaseWorkflow). To modify, edit the pipeline declaration and run "npx projen".` : undefined;
    return renderWorkflowYaml(this.render(), marker, this.pins, this.notes());
  }
}
