/** Demo collaboration cases: filled in later in this file. */
export async function seedFlows(): Promise<void> {}
