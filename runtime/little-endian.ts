/**
 * Whether typed arrays here read multi-byte numbers little-endian, as bundles store them: then a bundle's
 * aligned words can be read through a typed array rather than one DataView call each.
 */
export const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
