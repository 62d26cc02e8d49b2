import type {
  ArgsOf,
  ArgumentSpec,
  CommandInput,
  CommandSpec,
  OptionSpec,
  OptionsOf,
  Scalar,
} from "./spec.js";

/** A command as its author writes it: the handler's input is typed from the declarations above it. */
export interface TypedCommand<
  Types extends Record<string, Scalar>,
  Globals extends readonly OptionSpec<string>[],
  Ctx,
  Os extends readonly OptionSpec<keyof Types & string>[],
  As extends readonly ArgumentSpec<keyof Types & string>[],
> {
  readonly name: string;
  readonly summary: string;
  readonly args: As;
  readonly options: Os;
  readonly examples?: readonly string[];
  readonly local?: boolean;
  run(
    input: CommandInput<ArgsOf<As, Types>, OptionsOf<[...Os, ...Globals], Types>>,
    ctx: Ctx,
  ): Promise<number>;
}

/**
 * The command declarer of one CLI: `Types` gives each value type's parsed type, `Globals` the options every
 * command takes, `Ctx` what every handler is handed. Declare a command with the returned function and its handler
 * reads `options.port` as a number, `options.json` as `true | undefined`, with no cast: as clap and citty infer.
 *
 * The parser has checked every value against the same declarations before a handler runs, which is what makes
 * the typed view of its `Values` sound; the method syntax of `CommandSpec.run` lets the two meet without a cast.
 */
export function commandDeclarer<
  Types extends Record<string, Scalar>,
  Globals extends readonly OptionSpec<string>[],
  Ctx = undefined,
>() {
  return <
    const Os extends readonly OptionSpec<keyof Types & string>[],
    const As extends readonly ArgumentSpec<keyof Types & string>[],
  >(
    command: TypedCommand<Types, Globals, Ctx, Os, As>,
  ): CommandSpec<keyof Types & string, Ctx> => command;
}
