import { describe, expect, it } from 'vitest';
import { parsePrometheusText, sumOf, valueOf } from './prometheus-text.js';

describe('parsePrometheusText', () => {
  const text = [
    '# HELP baton_instances Workflow instances in MySQL, by state',
    '# TYPE baton_instances gauge',
    'baton_instances{state="SUCCESS",otel_scope_name="baton"} 6',
    'baton_instances{state="FAILURE",otel_scope_name="baton"} 0',
    '',
    'plain_total 3 1700000000000',
    'odd{v="a \\"quoted\\", back\\\\slash\\nnewline",w="}"} +Inf',
    'h_bucket{le="+Inf"} NaN',
  ].join('\n');

  it('reads names, labels (unescaped) and values, skipping comments', () => {
    const samples = parsePrometheusText(text);
    expect(samples).toHaveLength(5);
    expect(valueOf(samples, 'baton_instances', { state: 'SUCCESS' })).toBe(6);
    expect(valueOf(samples, 'plain_total')).toBe(3);
    expect(samples[3]).toEqual({
      name: 'odd',
      labels: { v: 'a "quoted", back\\slash\nnewline', w: '}' },
      value: Infinity,
    });
    expect(Number.isNaN(valueOf(samples, 'h_bucket'))).toBe(true);
    expect(sumOf(samples, 'baton_instances')).toBe(6);
    expect(valueOf(samples, 'baton_instances', { state: 'STOP' })).toBeUndefined();
  });

  it('refuses an ambiguous lookup and a malformed line', () => {
    const samples = parsePrometheusText(text);
    expect(() => valueOf(samples, 'baton_instances')).toThrow(/2 series/);
    expect(() => parsePrometheusText('ok 1\nbroken{a="x" 2')).toThrow(/line 2/);
    expect(() => parsePrometheusText('no_value')).toThrow(/line 1/);
  });
});
