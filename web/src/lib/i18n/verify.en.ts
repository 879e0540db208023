import type { verifyId } from './verify.id.ts';

/** The public verification of an official document, in English (the same keys as verify.id.ts). */
export const verifyEn = {
  'verify.title': 'Verify an official document',
  'verify.intro':
    'Enter the verification code printed in the footer of every page of the document (10 letters and digits, for example ABCDE-FGHJK), or scan its QR code. Upper or lower case, spaces and dashes make no difference.',
  'verify.code': 'Verification code',
  'verify.check': 'Check',
  'verify.checking': 'Checking…',
  'verify.codeShape': 'A code is 10 letters and digits, without 0, O, 1, I, L, U and V.',
  'verify.found': 'Genuine document: {title} Number {number}, version {version}, issued {when} at {venue}.',
  'verify.session': 'Session: {code}.',
  'verify.foundReport': 'Genuine document: {title} Number {number}, version {version}, issued {when} by {venue}.',
  'verify.latest': 'This is the latest version of the document.',
  'verify.superseded':
    'This document has been corrected: a newer version with the same number exists. This version stays genuine and on record, but the latest version is the one in force.',
  'verify.notFound': 'Unknown code: {code}. No document was issued with this code; check how it was typed.',
  'verify.sha256': 'SHA-256 of the PDF file',
  'verify.contentHash': 'SHA-256 of the content',
  'verify.upload.title': 'Compare a PDF file',
  'verify.upload.intro': 'Choose the PDF file of this document to compare it with the file that was issued. Your file is not stored.',
  'verify.upload.label': 'PDF file (at most 10 MB)',
  'verify.upload.same': 'This file is the same, byte for byte, as the document that was issued.',
  'verify.upload.different':
    'This file is NOT the same as the document that was issued: its content was changed, or it is another file. SHA-256 of your file: {sha256}.',
  'verify.upload.tooLarge': 'The file is larger than 10 MB; the documents issued are far smaller.',
  'verify.upload.notPdf': 'Choose a PDF file.',
  'verify.upload.titleReport': 'Compare a PDF or XLSX file',
  'verify.upload.introReport':
    'This report was issued as a PDF and an XLSX under the same code. Choose either file to compare it with the one that was issued. Your file is not stored.',
  'verify.upload.labelReport': 'PDF or XLSX file (at most 10 MB)',
  'verify.upload.notPdfOrXlsx': 'Choose a PDF or XLSX file.',
  'verify.error': 'The check failed: {message}'
} satisfies Record<keyof typeof verifyId, string>;
