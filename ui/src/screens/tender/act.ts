// One way a section of the tender detail runs an action: clear the section's error, run, then
// reload the detail (and the list behind it); a failure stays under that section.
export function runner(changed: () => void, setError: (e: unknown) => void) {
  return async (f: () => Promise<unknown>): Promise<boolean> => {
    setError(null);
    try {
      await f();
      changed();
      return true;
    } catch (err) {
      setError(err);
      return false;
    }
  };
}
