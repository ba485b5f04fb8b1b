import type {
  AuditorService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { ApprovalLedger } from '../state/approvals';
import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import type { TerraformRunConfig } from '@edp/plugin-terraform-node';
import { executeRun } from './executeRun';
import { examples } from './run.examples';

/**
 * `edp:terraform:run`: init, plan, and (for apply/destroy) apply the saved plan with the
 * terraform or tofu binary set in app-config. Dry-run stops after the plan.
 * @public
 */
export function createTerraformRunAction(options: {
  config: TerraformRunConfig;
  permissions: PermissionsService;
  /** Where used plan approvals are recorded (an approval applies once). */
  approvals: ApprovalLedger;
  auditor?: AuditorService;
}) {
  return createTemplateAction({
    id: 'edp:terraform:run',
    description:
      'Runs terraform (or tofu) on a module in the task workspace: init, plan, then apply or destroy the saved plan. Live readable logs, secrets redacted, dry-run = plan.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        workingDirectory: z =>
          z
            .string({
              description:
                'Folder of the root module, relative to the task workspace (default: the workspace). It cannot leave the workspace.',
            })
            .optional(),
        operation: z =>
          z.enum(['plan', 'apply', 'destroy'], {
            description:
              'plan: init and plan. apply / destroy: init, plan (-destroy), then apply that saved plan. A dry-run always stops after the plan.',
          }),
        variables: z =>
          z
            .record(z.string(), z.any(), {
              description:
                'Input variables, passed as TF_VAR_<name>. Lists and objects are JSON-encoded. Names: letters, digits, _ and -.',
            })
            .optional(),
        varFiles: z =>
          z
            .array(z.string(), {
              description:
                '.tfvars / .tfvars.json files, relative to the task workspace.',
            })
            .optional(),
        backendConfig: z =>
          z
            .record(
              z.string(),
              z.union([z.string(), z.number(), z.boolean()]),
              {
                description:
                  'Partial backend configuration: each entry becomes -backend-config=key=value on init. Pass credentials with secretEnv.',
              },
            )
            .optional(),
        workspace: z =>
          z
            .string({
              description:
                'Terraform workspace (TF_WORKSPACE). Default: "default".',
            })
            .optional(),
        env: z =>
          z
            .record(z.string(), z.string(), {
              description:
                'Plain environment variables. TF_* (except TF_VAR_*, TF_TOKEN_*), TOFU_*, PATH, HOME and loader variables are refused.',
            })
            .optional(),
        secretEnv: z =>
          z
            .record(z.string(), z.string(), {
              description:
                'Environment variables from the task secrets, as { ENV_NAME: secretKey }. Their values never reach the log.',
            })
            .optional(),
        lockTimeout: z =>
          z
            .string({
              description:
                'How long to wait for the state lock, e.g. "30s" (-lock-timeout).',
            })
            .optional(),
        parallelism: z =>
          z
            .number({
              description:
                'Concurrent operations in plan and apply (-parallelism), 1-256.',
            })
            .optional(),
        approvedPlanDigest: z =>
          z
            .string({
              description:
                'planDigest of a plan someone approved. apply/destroy refuse to run when the fresh plan differs, and each approval applies once.',
            })
            .optional(),
        stateKey: z =>
          z
            .string({
              description:
                "Name of the state in the portal's default backend (the secret_suffix of the kubernetes backend), e.g. the Resource's name. Default: the template's name and the working directory.",
            })
            .optional(),
        ephemeralState: z =>
          z
            .boolean({
              description:
                'true: keep the state in the task workspace, deleted with the task. apply and destroy refuse such a state unless this is set.',
            })
            .optional(),
      },
      output: {
        hasChanges: z =>
          z.boolean({
            description:
              'The plan had changes (plan -detailed-exitcode returned 2).',
          }),
        summary: z =>
          z.object(
            { add: z.number(), change: z.number(), destroy: z.number() },
            {
              description:
                'Resources added, changed, destroyed: planned for plan and dry-run, applied for apply and destroy.',
            },
          ),
        planDigest: z =>
          z.string({
            description:
              'Fingerprint of the planned changes, for approvedPlanDigest.',
          }),
        outputs: z =>
          z.record(z.string(), z.any(), {
            description:
              'Root module outputs after the run; sensitive ones read "(sensitive value)".',
          }),
        plan: z =>
          z.record(z.string(), z.any(), {
            description:
              'The plan as JSON (show -json) with sensitive values masked.',
          }),
        stateLocation: z =>
          z.string({
            description:
              'Where the state is, without credentials: kubernetes:<cluster>/<namespace>/<secret>, <backend>:<fingerprint of backendConfig>:<workspace>, or "ephemeral".',
          }),
      },
    },
    handler: ctx => executeRun(ctx, options),
  });
}
