import { SkeinError } from '@skein/model';

/** Every decoding failure of the Thrift layer: what went wrong and at which byte. */
export const malformedThrift = (detail: string, pos: number): SkeinError => new SkeinError('SKEIN_ERR_MALFORMED_THRIFT', `${detail} (at byte ${pos})`);

export const truncatedThrift = (what: string, pos: number): SkeinError => malformedThrift(`truncated ${what}`, pos);
