/** Small helpers of the document pages. */

/** A verification code as printed, in two groups of five: "ABCDEFGHJK" → "ABCDE-FGHJK". */
export const formatVerifyCode = (code: string): string => (code.length === 10 ? `${code.slice(0, 5)}-${code.slice(5)}` : code);
