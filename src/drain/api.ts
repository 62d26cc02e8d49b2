/** A small JSON-over-HTTP client for the drain collector: it talks to the twin or a live API the same way. */
import { UserError } from "../cli/index.js";
export interface ApiTarget {
  /** The API base, e.g. http://127.0.0.1:4321/api */
  url: string;
  user?: string;
  password?: string;
  token?: string;
}

export class DrainError extends UserError {
  override name = "DrainError";
}

function headers(target: ApiTarget): Record<string, string> {
  const auth = target.token
    ? `Bearer ${target.token}`
    : `Basic ${Buffer.from(`${target.user ?? "n"}:${target.password ?? "n"}`).toString("base64")}`;
  return { authorization: auth, "content-type": "application/json" };
}

/** The twin's control routes live at the server root, beside /api. */
export function twinUrl(target: ApiTarget, path: string): string {
  return new URL(path, target.url).href;
}

export async function callJson<T>(
  target: ApiTarget,
  method: string,
  url: string,
  body?: unknown,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: headers(target),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code ?? (err as Error).message;
    throw new DrainError(`cannot reach ${new URL(url).origin}: ${cause}`);
  }
  const text = await res.text();
  if (!res.ok) {
    let message = text.slice(0, 200);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not the error body; keep the text
    }
    throw new DrainError(`${method} ${new URL(url).pathname} answered HTTP ${res.status}: ${message}`);
  }
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new DrainError(`${method} ${new URL(url).pathname} answered malformed JSON`);
  }
}
