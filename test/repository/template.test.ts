import { renderTemplate } from '../../src/repository/private/template';

function render(source: string, vars: { [name: string]: string } = {}) {
  return renderTemplate(source, new Map(Object.entries(vars)));
}

describe('the Go template subset bldr applies to pkg.yaml', () => {
  test('a variable renders its value; a missing one renders <no value> and is a missing read with its line', () => {
    const r = render('a: {{ .A }}\nb: {{ .BUILD_ARG_B }}\n', { A: '1' });
    expect(r.text).toBe('a: 1\nb: <no value>\n');
    expect(r.missing).toEqual([{ name: 'BUILD_ARG_B', line: 2 }]);
    expect([...r.reads].sort()).toEqual(['A', 'BUILD_ARG_B']);
  });

  test('reads guarded by {{ if }} are optional; a read of another arg inside the branch is not', () => {
    const source = '{{ if .BUILD_ARG_A }}\nx: {{ .BUILD_ARG_A }} {{ .BUILD_ARG_B }}\n{{ else }}\ny: 1\n{{ end }}\n';
    expect(render(source).missing).toEqual([]);
    expect(render(source).text).toBe('\ny: 1\n\n');
    expect(render(source, { BUILD_ARG_A: 'a' }).missing).toEqual([{ name: 'BUILD_ARG_B', line: 2 }]);
  });

  test('eq/ne/not and else if; eq with a missing variable is false (Go text/template funcs.go eq)', () => {
    const source = '{{ if eq .ARCH "aarch64" }}arm64{{ else if ne .X "y" }}other{{ else }}none{{ end }}';
    expect(render(source, { ARCH: 'aarch64' }).text).toBe('arm64');
    expect(render(source, { ARCH: 'x86_64' }).text).toBe('other');
    expect(render(source, { ARCH: 'x86_64', X: 'y' }).text).toBe('none');
    expect(render('{{ if not .X }}unset{{ end }}').text).toBe('unset');
    expect(render(source).missing).toEqual([]);
  });

  test('default, string literals, comments and trim markers', () => {
    expect(render('{{ .TAG | default "latest" }} {{ default "d" .E }} {{ "lit" }}{{/* note */}}', { E: '' }).text).toBe('latest d lit');
    expect(render('a  {{- .A -}}  b\n', { A: '1' }).text).toBe('a1b\n');
  });

  test('rendered lines map back to source lines, across taken and dropped branches', () => {
    const r = render('one\n{{ if .X }}\ntwo\nthree\n{{ end }}\nfour: {{ .Y }}\n', { Y: 'y' });
    expect(r.text).toBe('one\n\nfour: y\n');
    expect(r.sourceLines).toEqual([1, 2, 6, 7]);
  });

  test('anything outside the subset is reported with its line, in every branch', () => {
    const r = render('{{ if .X }}\n{{ range .L }}x{{ end }}\n{{ else }}\n{{ printf "%s" .Y }}\n{{ $v := 1 }}\n{{ end }}\n{{ (.A) }}\n');
    expect(r.unsupported).toEqual([
      { action: 'range .L', line: 2 },
      { action: 'printf "%s" .Y', line: 4 },
      { action: '$v := 1', line: 5 },
      { action: '(.A)', line: 7 },
    ]);
  });

  test('syntax errors: unclosed block, stray end/else, unclosed action', () => {
    expect(render('{{ if .X }}\na\n').syntaxErrors).toEqual([{ message: 'unclosed action block (no matching {{ end }})', line: 1 }]);
    expect(render('a\n{{ end }}').syntaxErrors).toEqual([{ message: 'unexpected {{ end }}', line: 2 }]);
    expect(render('{{ else }}').syntaxErrors).toEqual([{ message: 'unexpected {{ else }}', line: 1 }]);
    expect(render('a {{ .X').syntaxErrors).toEqual([{ message: 'unclosed action ("{{" without "}}")', line: 1 }]);
  });
});
