import { strict as assert } from 'node:assert';
import { splitDocuments } from '../../../src/core/yaml/split';
import { parseYamlFile } from '../../../src/core/yaml/parse';

describe('splitDocuments', () => {
  it('splits at --- and keeps leading comments with the next document', () => {
    const text = '# header\n---\na: 1\n---\n# about b\nb: 2\n';
    const chunks = splitDocuments(text);
    assert.equal(chunks.length, 2);
    assert.equal(chunks[0].text, '# header\n---\na: 1\n');
    assert.equal(chunks[1].text, '---\n# about b\nb: 2\n');
    assert.equal(chunks[1].line, 3);
    assert.equal(chunks.map((c) => c.text).join(''), text);
  });

  it('does not split at --- that is not at column 0 or is part of a longer token', () => {
    const text = 'a: |\n  ---\n  x\nb: ----\n';
    assert.equal(splitDocuments(text).length, 1);
  });

  it('gives positions in file lines for later documents', () => {
    const parsed = parseYamlFile('a: 1\n---\nb: [\n');
    assert.equal(parsed.documents.length, 2);
    assert.equal(parsed.documents[1].errors.length > 0, true);
    assert.ok(parsed.documents[1].errors[0].range.start.line >= 1);
  });

  it('reuses untouched documents after an edit', () => {
    const first = parseYamlFile('a: 1\n---\nb: 2\n');
    const second = parseYamlFile('a: 1\n---\nb: 3\n', first);
    assert.equal(second.documents[0].doc, first.documents[0].doc);
    assert.notEqual(second.documents[1].doc, first.documents[1].doc);
  });
});
