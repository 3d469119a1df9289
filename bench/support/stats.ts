/** A figure measured several times: the median of the rounds, and their spread. */
export interface Figure {
  median: number;
  min: number;
  max: number;
}

/** The q-quantile (0..1) of `values` by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function figure(rounds: readonly number[]): Figure {
  const round = (x: number): number => Math.round(x * 100) / 100;
  return {
    median: round(quantile(rounds, 0.5)),
    min: round(Math.min(...rounds)),
    max: round(Math.max(...rounds)),
  };
}
