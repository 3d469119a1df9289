import type { Db } from '../../../shared/db/connect.js';
import type { WorkflowDefinitionSpec } from '../../../shared/domain/workflow-spec.js';
import { parseStoredSpec } from '../../../shared/domain/stored-spec.js';
import { NotFoundError } from '../../../shared/errors.js';

/**
 * Definition versions are immutable once stored, so a master reads each (name, version) once.
 * Bounded: the oldest entries go first.
 */
export class DefinitionCache {
  private readonly specs = new Map<string, WorkflowDefinitionSpec>();

  constructor(
    private readonly db: Db,
    private readonly capacity = 1_000,
  ) {}

  /** @throws NotFoundError when that version does not exist. */
  async get(name: string, version: number): Promise<WorkflowDefinitionSpec> {
    const key = `${name}@${version}`;
    const cached = this.specs.get(key);
    if (cached !== undefined) return cached;
    const row = await this.db
      .selectFrom('workflow_versions')
      .select('spec')
      .where('name', '=', name)
      .where('version', '=', version)
      .executeTakeFirst();
    if (row === undefined)
      throw new NotFoundError(`workflow ${name} version ${version} does not exist`);
    const spec = parseStoredSpec(row.spec);
    if (this.specs.size >= this.capacity) {
      const oldest = this.specs.keys().next().value;
      if (oldest !== undefined) this.specs.delete(oldest);
    }
    this.specs.set(key, spec);
    return spec;
  }

  /** The newest version of a definition. @throws NotFoundError */
  async latest(name: string): Promise<{ version: number; spec: WorkflowDefinitionSpec }> {
    const row = await this.db
      .selectFrom('workflows')
      .select('latest_version')
      .where('name', '=', name)
      .executeTakeFirst();
    if (row === undefined) throw new NotFoundError(`workflow ${name} does not exist`);
    return { version: row.latest_version, spec: await this.get(name, row.latest_version) };
  }
}
