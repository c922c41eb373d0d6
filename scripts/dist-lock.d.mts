/** Take the lock of `root`'s dist/ (synchronously); returns the function that releases it. */
export function lockDist(root?: string): () => void;
