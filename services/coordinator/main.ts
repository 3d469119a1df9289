import { commonEnvSchema, parseEnv } from '../../shared/config/common-env.js';
import { bindService } from '../../shared/grpc/server.js';
import { batonProto } from '../../shared/proto/load.js';
import { ServiceRuntime } from '../../shared/service-runtime.js';

/** The SerialWaitCoordinator: per-definition serial queues and running slots in etcd. */
async function main(): Promise<void> {
  const env = parseEnv(commonEnvSchema);
  const runtime = await ServiceRuntime.create({ role: 'coordinator', env });
  await runtime.serve([
    bindService(
      batonProto().Coordinator.service,
      { Ping: () => Promise.resolve({ name: runtime.name }) },
      runtime.log,
    ),
  ]);
  runtime.finishShutdownSteps();
  runtime.lifecycle.installSignalHandlers();
}

main().catch((err: unknown) => {
  process.stderr.write(
    `coordinator failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
