import { homedir } from "node:os";
import { isAbsolute, join } from "node:path";

/**
 * Where nemesis-ctl's config lives: `$XDG_CONFIG_HOME/nemesis-ctl/config.json`, else `~/.config/…`. A relative
 * XDG_CONFIG_HOME is ignored, as the XDG base-directory spec says.
 */
export function configPath(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_CONFIG_HOME;
  const base = xdg && isAbsolute(xdg) ? xdg : join(env.HOME || homedir(), ".config");
  return join(base, "nemesis-ctl", "config.json");
}
