// Formats benchmark results as a console table and as BENCHMARKS.md.

export function median(values) {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

const ms = (v) => (v === undefined || Number.isNaN(v) ? 'n/a' : v >= 100 ? v.toFixed(0) : v.toFixed(1));
const ratio = (a, b) => (a === undefined || b === undefined || !b ? 'n/a' : (a / b).toFixed(2));
const mark = (value, limit) => (Number.isFinite(value) ? (value <= limit ? 'met' : 'MISSED') : 'n/a');

export function formatReport({ results, edit, machine, command, date, seconds, yslDelayMs }) {
  const head = ['documents', 'KiB', 'runs', 'bare parse', 'cnpg lint (core)', 'cnpg LSP open', 'yaml-language-server open', 'lint / YLS', 'LSP / YLS', 'lint / parse'];
  const rows = (key) =>
    results.map((r) => [
      r.documents.toLocaleString('en-US'),
      r.kib.toFixed(0),
      String(r.reps),
      ms(r.parse[key]),
      ms(r.lint[key]),
      ms(r.oursLsp[key]),
      ms(r.yslLsp[key]),
      ratio(r.lint[key], r.yslLsp[key]),
      ratio(r.oursLsp[key], r.yslLsp[key]),
      ratio(r.lint[key], r.parse[key]),
    ]);
  const editHead = ['server', 'edits', 'median received ms', 'median decoded ms', 'min decoded', 'max decoded', 'median CPU ms'];
  const diags = (p) => (p ? `, ${p.diagnostics.toLocaleString('en-US')} diagnostics` : '');
  const editRows = [
    [`cnpg (dist/server.js, debounceMs 0${diags(edit.publication)})`, String(edit.ours.n), ms(edit.ours.received), ms(edit.ours.wall), ms(edit.ours.min), ms(edit.ours.max), ms(edit.ours.cpu)],
    [`cnpg, migrated repository${diags(edit.migratedPublication)}`, String(edit.migrated.n), ms(edit.migrated.received), ms(edit.migrated.wall), ms(edit.migrated.min), ms(edit.migrated.max), ms(edit.migrated.cpu)],
    [`yaml-language-server 1.19.2 (minus its ${yslDelayMs} ms delay)`, String(edit.ysl.n), ms(edit.ysl.received), ms(edit.ysl.wall), ms(edit.ysl.min), ms(edit.ysl.max), ms(edit.ysl.cpu)],
  ];
  const agreement = results.map((r) => `${r.documents}: planted ${r.planted}, cnpg unknown-field ${r.oursUnknownField}, yaml-language-server "is not allowed" ${r.yslNotAllowed}; all findings: cnpg ${r.findings}, yaml-language-server ${r.yslDiagnostics}`);
  const biggest = results[results.length - 1];
  const targets = [
    ...(biggest
      ? [
          ['cnpg lint <= 0.25 x yaml-language-server (wall, largest file)', ratio(biggest.lint.wall, biggest.yslLsp.wall), mark(biggest.lint.wall / biggest.yslLsp.wall, 0.25)],
          ['cnpg lint <= 0.25 x yaml-language-server (CPU, largest file)', ratio(biggest.lint.cpu, biggest.yslLsp.cpu), mark(biggest.lint.cpu / biggest.yslLsp.cpu, 0.25)],
          ['cnpg LSP open <= 0.25 x yaml-language-server (wall, largest file)', ratio(biggest.oursLsp.wall, biggest.yslLsp.wall), mark(biggest.oursLsp.wall / biggest.yslLsp.wall, 0.25)],
          ['cnpg lint <= 2 x bare parse (wall, largest file)', ratio(biggest.lint.wall, biggest.parse.wall), mark(biggest.lint.wall / biggest.parse.wall, 2)],
          ['cnpg lint <= 2 x bare parse (CPU, largest file)', ratio(biggest.lint.cpu, biggest.parse.cpu), mark(biggest.lint.cpu / biggest.parse.cpu, 2)],
        ]
      : []),
    [`edit -> diagnostics published (received) <= 30 ms (median, ${edit.documents.toLocaleString('en-US')} documents)`, ms(edit.ours.received), mark(edit.ours.received, 30)],
    [`edit -> diagnostics decoded by the client <= 30 ms (median, ${edit.documents.toLocaleString('en-US')} documents)`, ms(edit.ours.wall), mark(edit.ours.wall, 30)],
    [`the same, migrated repository: received / decoded`, `${ms(edit.migrated.received)} / ${ms(edit.migrated.wall)}`, mark(edit.migrated.wall, 30)],
  ];
  const load = `load average ${machine.loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${machine.loadAfter.map((l) => l.toFixed(1)).join(' / ')} after (1/5/15 min)`;
  const table = [
    'Wall-clock medians (ms):',
    textTable(head, rows('wall')),
    '',
    'Main-thread CPU medians (ms):',
    textTable(head, rows('cpu')),
    '',
    'Edit latency:',
    textTable(editHead, editRows),
    '',
    'Targets:',
    textTable(['target', 'value', ''], targets),
    '',
    'Schema errors found (agreement check):',
    ...agreement.map((a) => `  ${a}`),
    '',
    `${machine.cpus} x ${machine.model}, Node ${machine.node}, ${load}; ${seconds.toFixed(0)} s`,
  ].join('\n');
  const markdown = `# Benchmarks

Measured on ${date} with \`${command}\` on ${machine.cpus} cores (${machine.model}), Node ${machine.node};
${load}. The whole run took ${seconds.toFixed(0)} s.

## What is measured

Generated manifest streams (\`bench/generate.mjs\`, deterministic): applications over 50 namespaces,
each a Cluster with the Barman Cloud plugin and its ObjectStore, a Cluster with an in-tree
\`barmanObjectStore\`, or a Cluster without backups, with ScheduledBackups, on-demand Backups and
Poolers; about 1% of Clusters carry a misspelt field. One file per size, ~540 bytes per document.

- **bare parse**: \`parseAllDocuments\` of the \`yaml\` package on the whole file, in-process: what any
  linter built on that package pays before checking anything.
- **cnpg lint (core)**: \`lintSources\` on the file, in-process, from an esbuild bundle like the CLI's:
  a fresh workspace model, parsing with positions, every rule including the CRD schema rules.
- **cnpg LSP open**: \`node dist/server.js --stdio\`, time from \`didOpen\` to the first
  \`publishDiagnostics\` (\`debounceMs: 0\`), a new URI per run.
- **yaml-language-server open**: yaml-language-server 1.19.2 over stdio (\`--stdio\`), the same file
  with \`yaml.schemas\` mapping one combined schema to it, time from \`didOpen\` to
  \`publishDiagnostics\` **minus its fixed ${yslDelayMs} ms validation delay** (not configurable).
  The combined schema (\`bench/ysl-schema.mjs\`) holds the JSON Schemas generated from the same
  CRDs (\`bench/schemas/\`), dispatched per document with \`if {apiVersion, kind} then {$ref}\`, so
  every document is validated against exactly its own kind's schema, as our schema rules do. The
  dispatch costs one pair of \`const\` checks per kind and document, small next to validating a
  Cluster. Schema store and CRD store downloads are off; hover, completion and formatting are off.
- Ratios divide medians. CPU time is that of the main thread of the process doing the work (the
  benchmark process, or the server child), read from \`/proc/<pid>/schedstat\`: it is what the
  work costs regardless of how busy the machine is.

## Results: open / full lint

Wall-clock medians (ms):

${mdTable(head, rows('wall'))}

Main-thread CPU medians (ms):

${mdTable(head, rows('cpu'))}

## Results: edit latency

A one-line edit (a Cluster's or Pooler's \`instances\`, a ScheduledBackup's hour) at spread-out places
of the ${edit.documents.toLocaleString('en-US')}-document file, sent as an incremental \`didChange\` with
a range; time until the last byte of that version's publication arrives (received) and until the
client has decoded it (decoded, the LSP client library VS Code uses). The second row uses the same generator
with every application on the Barman Cloud Plugin (a migrated repository).

${mdTable(editHead, editRows)}

## Targets

${mdTable(['target', 'value', ''], targets)}

## Reading the results

${notes({ biggest, edit }).join('\n\n')}

## Agreement check

Both tools must find the planted misspellings, or the comparison would be unfair:

${agreement.map((a) => `- ${a}`).join('\n')}
`;
  return { table, markdown };
}

/** Observations that follow from the numbers of this run. */
function notes({ biggest, edit }) {
  const out = [];
  if (biggest) {
    out.push(
      `- **Against yaml-language-server and the bare parse.** On the largest file the bare \`yaml\` parse alone costs ${ratio(biggest.parse.cpu, biggest.yslLsp.cpu)} of ` +
        `yaml-language-server's CPU time (which parses with the same package, then validates). Our lint costs ${ratio(biggest.lint.cpu, biggest.parse.cpu)} x that parse: ` +
        'plain manifest documents are read by our own fast reader (`src/core/yaml/fast/`, values and node offsets, checked against `yaml` by differential and property tests), ' +
        'and the `yaml` package composes a Document only for documents the reader declines (anchors, tags, unusual layout) or when a quick fix or migration edits one.',
    );
  }
  if (edit.publication) {
    out.push(
      `- **Edit latency.** Every publication for the ${edit.documents.toLocaleString('en-US')}-document file carries all its ` +
        `${edit.publication.diagnostics.toLocaleString('en-US')} diagnostics (${(edit.publication.bytes / 1024 / 1024).toFixed(1)} MiB of JSON): LSP replaces a file's diagnostics as a whole. ` +
        '"Received" is when the last byte of that publication reached the client; "decoded" adds the client\'s own JSON decoding (vscode-jsonrpc, as in VS Code), ' +
        `which for this size is most of the difference. The server assembles publications from each diagnostic's cached bytes over stdio (VS Code's IPC transport serialises in Node itself). ` +
        `After the migration (${edit.migratedPublication?.diagnostics ?? '?'} diagnostics) the same edits take ${ms(edit.migrated.wall)} ms decoded. ` +
        `The wall-clock medians move with the machine's load; the CPU column does not.`,
    );
  }
  out.push('- CPU times are of the main thread only; garbage collection on helper threads is not in them.');
  return out;
}

function textTable(head, rows) {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(head), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

function mdTable(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i === 0 ? ' --- ' : ' ---: ')).join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
