/**
 * Parses HCL text to JSON with @cdktf/hcl2json. The library starts its WebAssembly
 * parser as soon as it is loaded (a few hundred ms), so it is loaded only when a
 * command actually reads .tf files: `version`, `output` and `workspace` stay fast.
 */
export async function parseHcl(
  filename: string,
  source: string,
): Promise<Record<string, any>> {
  const { parse } = await import('@cdktf/hcl2json');
  return parse(filename, source);
}
