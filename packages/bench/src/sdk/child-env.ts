/**
 * The environment for a measured child process: the parent's without OTEL_* variables or
 * NODE_OPTIONS, so a developer's shell (an OTEL_BSP_* setting, a --require in NODE_OPTIONS)
 * cannot change what is measured or measure one SDK differently from the other.
 */
export function cleanChildEnv(parentEnv: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(parentEnv)) {
    if (value !== undefined && !key.startsWith('OTEL_') && key !== 'NODE_OPTIONS') env[key] = value;
  }
  return env;
}
