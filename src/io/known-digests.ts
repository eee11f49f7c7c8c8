/**
 * The SHA-1 of the bytes the cache holds an entry for, one slot per file of a batch to check, in
 * shared memory: the check workers see the same slots without a copy, and leave a file whose bytes
 * hash the same unchecked (a fresh clone or a restored cache: every signature differs, few bytes do).
 */

const DIGEST_BYTES = 20;

/** What crosses to a worker: the slots' shared memory. */
export interface KnownDigestsData {
  digests: SharedArrayBuffer;
  present: SharedArrayBuffer;
}

export class KnownDigests {
  private readonly digests: Uint8Array;
  private readonly present: Uint8Array;

  constructor(readonly data: KnownDigestsData) {
    this.digests = new Uint8Array(data.digests);
    this.present = new Uint8Array(data.present);
  }

  static forFiles(count: number): KnownDigests {
    return new KnownDigests({
      digests: new SharedArrayBuffer(count * DIGEST_BYTES),
      present: new SharedArrayBuffer(count),
    });
  }

  set(index: number, digest: Uint8Array): void {
    if (digest.length !== DIGEST_BYTES) throw new Error(`a SHA-1 has ${DIGEST_BYTES} bytes, not ${digest.length}`);
    this.digests.set(digest, index * DIGEST_BYTES);
    this.present[index] = 1;
  }

  at(index: number): Uint8Array | undefined {
    return this.present[index] ? this.digests.subarray(index * DIGEST_BYTES, (index + 1) * DIGEST_BYTES) : undefined;
  }
}
