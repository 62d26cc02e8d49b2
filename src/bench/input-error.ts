import { UserError } from "../common/index.js";

/** An input that cannot be compared: names the file and the reason. Exit 2. */
export class BenchInputError extends UserError {
  override name = "BenchInputError";
}
