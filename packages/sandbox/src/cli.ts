import path from 'node:path';
import {
  loadSandboxConfig,
  SandboxConfigError,
  type SandboxConfig,
} from './host/config';
import { PortInUseError } from './host/listen';
import { startSandbox } from './host/sandbox';
import { builtInStandIns } from './registry';

const USAGE = `Usage: sandbox start [--config FILE] [--port NAME=PORT]... [--only NAME[,NAME]]

Starts local stand-ins for the platform's services on 127.0.0.1.
  --config FILE        sandbox config (default: packages/sandbox/sandbox.yaml)
  --port NAME=PORT     override one port, e.g. --port forgejo=7201 (0 picks a free port)
  --only NAMES         start only these stand-ins (and what they depend on)
The admin endpoint answers GET /ready once everything is up, and PUT /faults/<service> to inject faults.`;

interface CliArgs {
  configFile: string;
  ports: Record<string, number>;
  only?: string[];
}

export function parseCliArgs(argv: string[], defaultConfig: string): CliArgs {
  const [command, ...rest] = argv;
  if (command !== 'start')
    throw new Error(
      command ? `unknown command "${command}"\n\n${USAGE}` : USAGE,
    );
  const args: CliArgs = { configFile: defaultConfig, ports: {} };
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = rest[i + 1];
    if (flag === '--help' || flag === '-h') throw new Error(USAGE);
    if (value === undefined)
      throw new Error(`${flag} needs a value\n\n${USAGE}`);
    i++;
    if (flag === '--config') args.configFile = path.resolve(value);
    else if (flag === '--only')
      args.only = value
        .split(',')
        .map(s => s.trim())
        .filter(Boolean);
    else if (flag === '--port') {
      const m = /^([\w-]+)=(\d+)$/.exec(value);
      if (!m || Number(m[2]) > 65535)
        throw new Error(`--port takes NAME=PORT (0-65535), got "${value}"`);
      args.ports[m[1]] = Number(m[2]);
    } else throw new Error(`unknown option "${flag}"\n\n${USAGE}`);
  }
  return args;
}

export async function main(argv: string[]): Promise<void> {
  const standIns = builtInStandIns();
  const defaultConfig = path.resolve(__dirname, '..', 'sandbox.yaml');
  let args: CliArgs;
  let config: SandboxConfig;
  try {
    args = parseCliArgs(argv, defaultConfig);
    config = loadSandboxConfig(
      args.configFile,
      standIns.map(s => s.name),
    );
  } catch (e) {
    process.stderr.write(`sandbox: ${(e as Error).message}\n`);
    process.exit(2);
  }
  config.ports = { ...config.ports, ...args.ports };
  if (args.only) config.services = args.only;

  const log = (m: string) => process.stdout.write(`sandbox: ${m}\n`);
  let sandbox;
  try {
    sandbox = await startSandbox({
      standIns,
      config,
      log,
      dataDir: process.env.EDP_SANDBOX_DATA_DIR,
    });
  } catch (e) {
    const known =
      e instanceof PortInUseError || e instanceof SandboxConfigError;
    process.stderr.write(
      `sandbox: ${known ? (e as Error).message : (e as Error).stack}\n`,
    );
    process.exit(known ? 2 : 1);
  }
  log(
    `ready; admin endpoint ${sandbox.adminUrl} (GET /ready, PUT /faults/<service>)`,
  );

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) process.exit(130);
    stopping = true;
    log(`${signal} received, stopping`);
    await sandbox.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

if (require.main === module) {
  void main(process.argv.slice(2));
}
