/**
 * A small parser of the Prometheus text exposition format (version 0.0.4), enough for tests to
 * read values: comments and blank lines are skipped, label values are unescaped, and `NaN`,
 * `+Inf` and `-Inf` are numbers. https://prometheus.io/docs/instrumenting/exposition_formats/
 */

export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** @throws Error naming the line when a sample line is malformed. */
export function parsePrometheusText(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const sample = parseSampleLine(line);
    if (sample === undefined) throw new Error(`line ${index + 1} is not a sample: ${raw}`);
    samples.push(sample);
  }
  return samples;
}

function parseSampleLine(line: string): Sample | undefined {
  const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(line)?.[0];
  if (name === undefined) return undefined;
  let rest = line.slice(name.length);
  const labels: Record<string, string> = {};
  if (rest.startsWith('{')) {
    const parsed = parseLabels(rest);
    if (parsed === undefined) return undefined;
    Object.assign(labels, parsed.labels);
    rest = rest.slice(parsed.length);
  }
  // The value, then an optional timestamp.
  const [valueText] = rest.trim().split(/\s+/);
  if (valueText === undefined || valueText === '') return undefined;
  const value = Number(
    valueText === '+Inf' ? 'Infinity' : valueText === '-Inf' ? '-Infinity' : valueText,
  );
  if (Number.isNaN(value) && valueText !== 'NaN') return undefined;
  return { name, labels, value };
}

/** Parses `{a="x",b="y\"z"}` at the start of `text`; returns the labels and the length read. */
function parseLabels(text: string): { labels: Record<string, string>; length: number } | undefined {
  const labels: Record<string, string> = {};
  let i = 1;
  for (;;) {
    while (text[i] === ' ' || text[i] === ',') i += 1;
    if (text[i] === '}') return { labels, length: i + 1 };
    const key = /^[a-zA-Z_][a-zA-Z0-9_]*/.exec(text.slice(i))?.[0];
    if (key === undefined || text[i + key.length] !== '=' || text[i + key.length + 1] !== '"')
      return undefined;
    i += key.length + 2;
    let value = '';
    for (;;) {
      const c = text[i];
      if (c === undefined) return undefined;
      i += 1;
      if (c === '"') break;
      if (c === '\\') {
        const next = text[i];
        i += 1;
        value += next === 'n' ? '\n' : (next ?? '');
      } else {
        value += c;
      }
    }
    labels[key] = value;
  }
}

/** The samples named `name` whose labels include every one of `labels`. */
export function samplesOf(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): Sample[] {
  return samples.filter(
    (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
  );
}

/**
 * The value of the one sample named `name` with `labels`; undefined when there is none.
 * @throws Error when several samples match (the labels given do not pick one series).
 */
export function valueOf(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number | undefined {
  const found = samplesOf(samples, name, labels);
  if (found.length > 1)
    throw new Error(`${found.length} series of ${name} match ${JSON.stringify(labels)}`);
  return found[0]?.value;
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none). */
export function sumOf(
  samples: readonly Sample[],
  name: string,
  labels: Record<string, string> = {},
): number {
  return samplesOf(samples, name, labels).reduce((sum, s) => sum + s.value, 0);
}

/** GETs `http://<address>/metrics` and parses it. @throws Error unless the answer is 200. */
export async function scrape(address: string): Promise<Sample[]> {
  const response = await fetch(`http://${address}/metrics`, { signal: AbortSignal.timeout(5_000) });
  if (!response.ok) throw new Error(`GET ${address}/metrics: HTTP ${response.status}`);
  return parsePrometheusText(await response.text());
}
