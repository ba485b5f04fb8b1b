// Runs Backstage's GiteaEntityProvider once, outside Jest (its dynamic `import('p-limit')` needs a
// plain Node VM), and prints {targets, errors} as JSON. Usage: node runGiteaDiscovery.cjs '<config json>' <provider id>
const { ConfigReader } = require('@backstage/config');
const {
  GiteaEntityProvider,
} = require('@backstage/plugin-catalog-backend-module-gitea');

async function main() {
  const [configJson, id] = process.argv.slice(2);
  const errors = [];
  const logger = {
    child: () => logger,
    info: () => {},
    debug: () => {},
    warn: () => {},
    error: message => errors.push(String(message)),
  };
  const providers = GiteaEntityProvider.fromConfig(
    new ConfigReader(JSON.parse(configJson)),
    {
      logger,
      schedule: { run: async ({ fn }) => fn(new AbortController().signal) },
    },
  );
  const provider = providers.find(
    p => p.getProviderName() === `gitea-provider:${id}`,
  );
  let targets;
  await provider.connect({
    applyMutation: async mutation => {
      targets = mutation.entities.map(e => e.entity.spec.target).sort();
    },
    refresh: async () => {},
  });
  process.stdout.write(JSON.stringify({ targets, errors }));
}

main().catch(e => {
  process.stderr.write(String(e.stack || e));
  process.exit(1);
});
