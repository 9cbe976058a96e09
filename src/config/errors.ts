/** A problem with what the user gave the kit (variables, flags, files). Printed as one line; exit code 2. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}
