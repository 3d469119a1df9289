import { status } from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListInstancesRequest } from '../shared/proto/gen/baton/v1/ListInstancesRequest.js';
import { codeOf } from './support/call-status.js';
import { cliFor } from './support/cli-runner.js';
import { startTestCluster, type TestCluster } from './support/test-cluster.js';

const BULK = 10_000;
/** Every 10th bulk instance is labelled team=growth. */
const LABELLED = BULK / 10;
const quick = (name: string) =>
  `name: ${name}\ntasks:\n  - { name: a, type: SHELL, command: "true" }\n`;

describe('labels, filters and paging of ListInstances and ListWorkflows', () => {
  let t: TestCluster;
  /** When bulk instance i was created: `base - i` seconds. */
  const base = new Date(Date.now() - 60_000);

  /** Every page of a listing with `filters`, in order; the ids. */
  async function listAll(filters: ListInstancesRequest, pageSize: number): Promise<string[]> {
    const ids: string[] = [];
    let token = '';
    do {
      const page = await t.api.ListInstances({
        ...filters,
        page_size: pageSize,
        page_token: token,
      });
      expect(page.instances.length).toBeLessThanOrEqual(pageSize);
      ids.push(...page.instances.map((i) => i.id));
      token = page.next_page_token;
    } while (token !== '');
    return ids;
  }

  beforeAll(async () => {
    t = await startTestCluster('list-paging');
    await t.api.ApplyWorkflow({ yaml: quick('live') });
    // Straight into MySQL for speed: ended instances, which no master picks up; the api reads
    // them as it reads any other.
    for (let from = 0; from < BULK; from += 1_000) {
      const rows = Array.from({ length: 1_000 }, (_, k) => {
        const i = from + k;
        const at = new Date(base.getTime() - i * 1_000);
        return {
          workflow: 'bulk',
          version: 1,
          execution_type: 'PARALLEL',
          state: 'SUCCESS',
          params: '{}',
          labels: i % 10 === 0 ? JSON.stringify({ team: 'growth', n: String(i) }) : null,
          created_at: at,
          started_at: at,
          ended_at: at,
          updated_at: at,
        };
      });
      await t.db.insertInto('workflow_instances').values(rows).execute();
    }
    const labelled = await t.db
      .selectFrom('workflow_instances')
      .select(['id', 'labels'])
      .where('labels', 'is not', null)
      .execute();
    await t.db
      .insertInto('instance_labels')
      .values(
        labelled.flatMap((r) =>
          Object.entries(JSON.parse(r.labels!) as Record<string, string>).map(([k, v]) => ({
            instance_id: r.id,
            label_key: k,
            label_value: v,
          })),
        ),
      )
      .execute();
  }, 120_000);
  afterAll(async () => {
    await t?.dispose();
  });

  it('10,000 instances listed in pages of 100 while starts continue: each existing one exactly once, newest first', async () => {
    const existing = (await t.db.selectFrom('workflow_instances').select('id').execute()).map(
      (r) => r.id,
    );
    expect(existing.length).toBeGreaterThanOrEqual(BULK);
    let paging = true;
    let startedDuring = 0;
    const starter = (async () => {
      while (paging) {
        await t.api.StartInstance({ workflow: 'live' });
        startedDuring += 1;
      }
    })();
    const ids: string[] = [];
    let token = '';
    let pages = 0;
    do {
      const page = await t.api.ListInstances({ page_size: 100, page_token: token });
      ids.push(...page.instances.map((i) => i.id));
      token = page.next_page_token;
      pages += 1;
      // Besides the concurrent starter, a start between pages for sure.
      if (pages % 10 === 0) await t.api.StartInstance({ workflow: 'live' });
    } while (token !== '');
    paging = false;
    await starter;

    expect(startedDuring).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
    const listed = new Set(ids);
    expect(existing.filter((id) => !listed.has(id))).toEqual([]);
    const asNumbers = ids.map(Number);
    expect(asNumbers).toEqual([...asNumbers].sort((a, b) => b - a));
    expect(pages).toBeGreaterThanOrEqual(BULK / 100);
  }, 120_000);

  it('filters by label selector, workflow and creation time, paged the same way', async () => {
    const growth = await listAll({ label_selector: 'team=growth' }, 100);
    expect(growth).toHaveLength(LABELLED);
    expect(await listAll({ workflow: 'bulk', label_selector: 'team!=growth' }, 500)).toHaveLength(
      BULK - LABELLED,
    );
    expect(await listAll({ workflow: 'bulk', label_selector: '!team' }, 1000)).toHaveLength(
      BULK - LABELLED,
    );
    expect(await listAll({ label_selector: 'team,n=20' }, 10)).toHaveLength(1);
    const window = await listAll(
      {
        workflow: 'bulk',
        created_after: new Date(base.getTime() - 99_500).toISOString(),
        created_before: new Date(base.getTime() - 49_500).toISOString(),
      },
      7,
    );
    expect(window).toHaveLength(50);
    expect(await listAll({ workflow: 'bulk', state: 'RUNNING' }, 100)).toEqual([]);
  });

  it('refuses a page token used with other filters, and bad filters, naming the field', async () => {
    const first = await t.api.ListInstances({ workflow: 'bulk', page_size: 10 });
    expect(first.next_page_token).not.toBe('');
    const other = await codeOf(
      t.api.ListInstances({ workflow: 'live', page_size: 10, page_token: first.next_page_token }),
    );
    expect(other).toMatchObject({ code: status.INVALID_ARGUMENT, field: 'page_token' });
    // The same filters with another page size is the same listing.
    const next = await t.api.ListInstances({
      workflow: 'bulk',
      page_size: 20,
      page_token: first.next_page_token,
    });
    expect(Number(next.instances[0]!.id)).toBeLessThan(Number(first.instances.at(-1)!.id));
    for (const [request, field] of [
      [{ page_token: 'not-a-token' }, 'page_token'],
      [{ page_size: 1001 }, 'page_size'],
      [{ limit: 1001 }, 'limit'],
      [{ label_selector: 'bad key=x' }, 'label_selector'],
      [{ created_after: 'yesterday' }, 'created_after'],
      [{ parent_id: 'abc' }, 'parent_id'],
      [{ rerun_of: '-1' }, 'rerun_of'],
      [{ backfill_id: 'x' }, 'backfill_id'],
      [{ state: 'DONE' }, 'state'],
    ] as const) {
      const refused = await codeOf(t.api.ListInstances(request));
      expect(refused, JSON.stringify(request)).toMatchObject({
        code: status.INVALID_ARGUMENT,
        field,
      });
    }
  });

  it('keeps the old limit field working', async () => {
    const old = await t.api.ListInstances({ workflow: 'bulk', limit: 7 });
    expect(old.instances).toHaveLength(7);
    expect((await t.api.ListInstances({ workflow: 'bulk' })).instances).toHaveLength(100);
  });

  it('pages ListWorkflows by name', async () => {
    for (const name of ['wf-c', 'wf-a', 'wf-e', 'wf-b', 'wf-d'])
      await t.api.ApplyWorkflow({ yaml: quick(name) });
    const names: string[] = [];
    let token = '';
    do {
      const page = await t.api.ListWorkflows({ page_size: 2, page_token: token });
      expect(page.workflows.length).toBeLessThanOrEqual(2);
      names.push(...page.workflows.map((w) => w.name));
      token = page.next_page_token;
    } while (token !== '');
    expect(names).toEqual(['live', 'wf-a', 'wf-b', 'wf-c', 'wf-d', 'wf-e']);
    const all = await t.api.ListWorkflows({});
    expect(all.workflows.map((w) => w.name)).toEqual(names);
    expect(all.next_page_token).toBe('');
  });

  it('the CLI starts with labels, shows them, and lists by selector and age across pages', async () => {
    const baton = cliFor(t);
    const started = await baton('start', 'live', '-l', 'team=cli', '--label', 'tier=gold');
    expect(started.stderr).toBe('');
    const id = started.stdout.trim();
    const got = await baton('get', id, '--json');
    expect(JSON.parse(got.stdout)).toMatchObject({ id, labels: { team: 'cli', tier: 'gold' } });
    const listed = await baton('list', '-l', 'team=cli', '--since', '1h', '--json');
    const ids = (JSON.parse(listed.stdout) as { instances: { id: string }[] }).instances;
    expect(ids.map((i) => i.id)).toEqual([id]);
    const many = await baton(
      'list',
      '--workflow',
      'bulk',
      '-l',
      'team',
      '--limit',
      '250',
      '--page-size',
      '100',
      '--json',
    );
    const instances = (JSON.parse(many.stdout) as { instances: { labels: object }[] }).instances;
    expect(instances).toHaveLength(250);
    expect(instances.every((i) => 'team' in i.labels)).toBe(true);
    const bad = await baton('start', 'live', '-l', 'team');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('--label');
  });
});
