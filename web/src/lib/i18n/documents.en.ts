import type { documentsId } from './documents.id.ts';

/** The official documents' pages and forms, in English (the same keys as documents.id.ts). */
export const documentsEn = {
  'documents.link': 'Documents',
  'documents.title': 'Official documents of the session',
  'documents.basis': 'Perban BKN 4/2024 Appendix I–III',
  'documents.loading': 'Loading documents…',
  'documents.noSession': 'This room has never had a session, so there are no documents yet.',
  'documents.intro':
    'Documents issued from the session record. A document is never changed once issued; a correction is issued as a new version that names the version it corrects.',
  'documents.empty': 'No documents have been issued for this session yet.',
  'documents.emptyWhen':
    'The minutes of postponement are issued when the session is postponed; the checklist when the checklist is completed; the attendance list, the list of participants who followed the whole series and the minutes of the assessment when the session is finalised (and the minutes of handover when the activity’s last session is finalised).',
  'documents.count': '{n} documents',
  'documents.col.document': 'Document',
  'documents.col.number': 'Number',
  'documents.col.version': 'Version',
  'documents.col.issued': 'Issued',
  'documents.col.signers': 'Signed by',
  'documents.col.code': 'Verification code',
  'documents.col.open': 'File',
  'documents.version': 'version {n}',
  'documents.replacedBy': 'replaced by version {n}',
  'documents.replacedByOther': 'replaced by a newer version',
  'documents.correctionOf': 'correction of version {n}: {reason}',
  'documents.signerNip': 'NIP {nip}',
  'documents.verifyFor': 'Verify document {number} with code {code}',
  'documents.pdf': 'PDF',
  'documents.pdfFor': 'Open the PDF of {number} in a new tab',
  'documents.print': 'Print',
  'documents.printFor': 'Open the print page of {number} in a new tab',
  'documents.activity.title': 'Documents',
  'documents.activity.intro': 'The documents of this activity and of each of its sessions.',
  'documents.activity.empty': 'No documents have been issued for this activity yet. Documents are issued when a session is postponed, when a checklist is completed and when a session is finalised.',
  'documents.session': 'Session',
  'documents.sessionNone': '— (activity)',

  'documents.signer.legend': 'Signer for the user agency',
  'documents.signer.intro':
    'The attendance list, the list of participants and the minutes of the assessment are signed by you for the BKN CACT team and by the following representative of the user agency.',
  'documents.signer.name': 'Name',
  'documents.signer.nip': 'NIP (if any)',
  'documents.signer.jabatan': 'Position',
  'documents.signer.fromChecklist': 'Filled in from the agency signer of the checklist; change it if someone else signs.',

  'documents.issued.title': 'Documents issued',
  'documents.issued.text': 'The session is finalised. The following documents were issued and stored:',
  'documents.issued.all': 'All documents of the session',
  'documents.checklistIssued': 'The checklist was issued as document number {number}.'
} satisfies Record<keyof typeof documentsId, string>;
