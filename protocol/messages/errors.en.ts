/**
 * Refusals and field issues in English: the same codes and parameters as errors.id.ts (the
 * `Mirror` type refuses a missing, extra or differently typed entry). Sent as `message`.
 */
import type { ErrorCode } from '../error-codes.ts';
import type { NipProblem } from '../nip.ts';
import { actionsFrom, type ParticipantActionKind, type SessionStateName } from '../session.ts';
import type { errorsId, IdentityCheck } from './errors.id.ts';
import { listOr, type Mirror, type TargetKind, type WorkName } from './params.ts';
import { sessionActionsEn, sessionStatesEn } from './session-states.en.ts';

/** "Thursday 24 December 2026": a YYYY-MM-DD date with its weekday. */
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
function day(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) return date;
  return `${DAYS[new Date(Date.UTC(y, m - 1, d)).getUTCDay()]} ${d} ${MONTHS[m - 1]} ${y}`;
}

export const errorCodesEn = {
  INVALID_PAYLOAD: 'The data sent is not valid.',
  UNSUPPORTED_VERSION: 'This protocol version is not supported.',
  UNKNOWN_EVENT: 'Unknown request.',
  NOT_FOUND: 'Not found.',
  NOT_READY: 'Not ready: the station is not connected or has not sent hello.',
  SEQ_GAP: 'Sequence gap; resend from the number asked.',
  RATE_LIMITED: 'Too many requests; try again shortly.',
  INTERNAL: 'The server could not process this request; nothing was stored.',
  UNAUTHORIZED: 'Please sign in first.',
  FORBIDDEN: 'You are not allowed to do this.',
  BAD_CREDENTIALS: 'Wrong NIP or password.',
  LOCKED: 'The account is temporarily locked after too many failed attempts.',
  CSRF: 'Request refused: reload the page and try again.',
  CONFLICT: 'Conflicts with existing data.',
  GONE: 'The code was already used, has expired or was revoked.',
  PAYLOAD_TOO_LARGE: 'The data is too large.',
  INVALID_STATE: 'Not possible at this stage of the session.',
  QUOTA_EXCEEDED: 'This PC exceeded its data allowance; the data was refused and the proctor told.',
  UNKNOWN_PROBE: 'Bandwidth probe result the server did not ask for; ignored.'
} as const satisfies Record<ErrorCode, string>;

export const workNamesEn = {
  checklist: 'Editing the checklist',
  actions: 'Participant actions',
  pin: 'Issuing the session PIN',
  record: 'Recording in the session',
  import: 'Importing participants',
  desk: 'Registration',
  absent: 'Marking absent',
  seat: 'Seating',
  sendBack: 'Sending a participant back to their seat'
} as const satisfies Record<WorkName, string>;

const targetEn = (kind: TargetKind, id: number) => `${kind === 'room' ? 'Room' : 'Station'} ${id}`;
const state = (s: SessionStateName) => sessionStatesEn[s];
const lead = (name: string | undefined, text: string) => (name ? `${name}: ${text}` : text[0].toUpperCase() + text.slice(1));
/** "1 participant is" / "3 participants are" */
const people = (n: number) => (n === 1 ? '1 participant is' : `${n} participants are`);
const NIP_EN: Record<NipProblem, string> = {
  format: 'NIP must be 18 digits',
  birth_date: 'the first 8 digits of the NIP are not a real birth date',
  appointment: 'digits 9–14 of the NIP are not a plausible CPNS appointment year and month',
  sex: 'the 15th digit of the NIP must be 1 or 2'
};
const CHECK_EN: Record<IdentityCheck, string> = { idCard: 'identity card', participantCard: 'participant card', faceMatch: 'face' };
const ACTION_EN: Record<ParticipantActionKind, string> = { pause: 'pause', resume: 'resume', add_time: 'add time to', end: 'end' };

export const errorsEn: Mirror<typeof errorsId> = {
  ...errorCodesEn,

  // ------------------------------------------------------------ requests and the edge
  'payload.notJson': 'The body is not valid JSON.',
  'payload.badUrl': 'The address is not a valid URL.',
  'payload.invalid': (p) => `Invalid ${p.event} payload.`,
  'payload.notPlain': (p) => `Not accepted: ${p.reason}.`,
  'version.unsupported': (p) => `Protocol version ${p.version} is not supported; use ${p.supported.join(', ')}.`,
  'event.unknown': (p) => `Unknown event "${p.name}".`,
  'api.noRoute': 'No such API route.',
  'probe.bytesRange': (p) => `Bytes must be ${p.min}..${p.max}.`,

  // ------------------------------------------------------------ accounts and access
  'auth.sessionEnded': 'Your session has ended; sign in again.',
  'auth.currentPasswordWrong': 'The current password is wrong.',
  'auth.stationTokenRequired': 'Station token required.',
  'password.containsNip': 'The password must not contain the NIP.',
  'password.repeated': 'The password must not be one repeated character.',
  'user.nipExists': (p) => `A user with NIP ${p.nip} exists.`,
  'user.selfLockout': 'You cannot deactivate yourself or drop your own admin role.',
  'venue.unknown': (p) => `Unknown venue ${p.id}.`,
  'venue.notFound': 'No such venue.',
  'role.mayNot': (p) => `Your role may not ${p.capability}.`,
  'target.notFound': (p) => `${targetEn(p.kind, p.id)} does not exist.`,
  'target.outsideScope': (p) => `${targetEn(p.kind, p.id)} is outside your assignment.`,

  // ------------------------------------------------------------ stations and rooms
  'station.helloFirst': 'Send station:hello first.',
  'station.streamUnknown': 'This stream was not announced in station:hello on this connection.',
  'station.seqGap': (p) => `Sequence gap: resend from ${p.expected}.`,
  'station.quotaParticipant': (p) => `More than ${p.max} events for one participant in this session.`,
  'station.quotaMinute': (p) => `More than ${p.max} events a minute from this station.`,
  'station.notFound': (p) => `Station ${p.id} does not exist.`,
  'station.offline': (p) => `Station ${p.code} is offline.`,
  'station.probedRecently': (p) => `Station ${p.code} was probed moments ago.`,
  'station.notInRoom': (p) => `Station ${p.id} is not in this room.`,
  'station.foreign': 'A station is not in this room.',
  'room.notFound': (p) => `Room ${p.id} does not exist.`,
  'probe.unknown': (p) => `Probe ${p.id} was not asked of this station, or has expired.`,
  'command.unknown': (p) => `No command ${p.id} for this station.`,
  'enrollment.unknownCode': 'Unknown enrollment code.',

  // ------------------------------------------------------------ session lifecycle (Pasal 11–14)
  'session.notFound': 'No such session.',
  'session.notInRoom': 'No such session in this room.',
  'session.notCurrent': 'This session is not the one the room is running.',
  'session.wrongStage': (p) =>
    `${workNamesEn[p.work]} is possible only at the session stages ${listOr(p.states.map(state), 'or')}; the session is now ${state(p.state)}.`,
  'session.wrongState': (p) => {
    const allowed = actionsFrom(p.state);
    const next = allowed.length ? ` From here you can: ${allowed.map((a) => sessionActionsEn[a].imperative).join(', ')}.` : ' Nothing more can be done with it.';
    return `A session in state ${state(p.state)} cannot be ${sessionActionsEn[p.action].passive}.${next}`;
  },
  'session.otherActive': (p) =>
    `Session ${p.code} of this room is ${state(p.state)}: finalise or postpone it before this one is ${sessionActionsEn[p.action].passive}.`,
  'session.checklistUnfit':
    'The daftar periksa (Lampiran I.B) concludes the room is tidak layak, so registration cannot open. Postpone the session instead (Pasal 12(2)e).',
  'session.checklistIncomplete':
    'The daftar periksa (Lampiran I.B) has not been completed. Complete it with the conclusion layak before opening registration (Pasal 12(2)c).',
  'session.noPin': 'There is no active session PIN. Issue a PIN before starting the test (Pasal 14(1)i).',
  'session.noParticipants': 'The session has no participants. Import the roster and register arrivals at the desk before starting (Pasal 14(2)).',
  'session.nobodyPresent': 'No participant has been registered present. Check in at least one participant before starting (Pasal 14(2)).',
  'session.unaccounted': (p) =>
    `${people(p.n)} on the roster but not registered present or absent. Register them, or start with "mark absent" to record them as absent.`,
  'session.finishWorking': (p) => `${people(p.n)} still working. Give a reason to close the test before everyone is done.`,
  'session.finaliseWorking': (p) => `${people(p.n)} still working. End their tests before finalising the session (Pasal 14(1)l–m).`,
  'session.visitorsInside': (p) =>
    `${p.names.length === 1 ? '1 other person is' : `${p.names.length} others are`} still recorded inside the room (${p.names.join(', ')}). Record when they left before finalising the session (Pasal 13(2), 14(1)k).`,
  'session.postponeReason': 'A postponement needs a reason; it goes into the berita acara penundaan (Pasal 12(2)e–f).',

  // ------------------------------------------------------------ postponement (Pasal 12(2)e–f, 12(3), Lampiran III)
  'session.postponeAfterTest': 'A session people sat cannot be postponed once closed: give a reason for those who did not complete the whole series, then finalise.',
  'finalise.useForm': 'Finalising makes the attendance list, the list of who followed the whole series and the Berita Acara Penyelenggaraan (Pasal 14(1)l–m): use the Finalise form (POST /api/sessions/:id/finalise).',
  'finalise.inProgress': 'This session is being finalised; wait a moment.',
  'finalise.activityChanged': 'A session was added to this activity while it was being finalised, so the handover berita acara cannot be made yet; nothing was saved. Finalise once more.',
  'postponement.useForm': 'A postponement is recorded with its berita acara penundaan (Pasal 12(2)f): use the Postpone form (POST /api/sessions/:id/postpone).',
  'postponement.useResume': 'A postponed session resumes on a new date and time once its follow-ups are done and a new checklist says fit (Pasal 12(3)): use Resume (POST /api/sessions/:id/resume).',
  'postponement.incomplete': (p) => `The berita acara penundaan is not complete: ${p.n} field${p.n === 1 ? '' : 's'} to correct (Lampiran III).`,
  'postponement.followUpRequired': 'Write at least one activity that must be done before the test continues (Lampiran III).',
  'postponement.notFound': 'Postponement not found.',
  'postponement.followUpNotFound': 'This follow-up is not part of the postponement.',
  'postponement.alreadyResumed': 'This postponement has been resumed; its follow-ups no longer change.',
  'postponement.followUpsOpen': (p) => `${p.n} follow-up${p.n === 1 ? ' is' : 's are'} not marked done yet; the session resumes once all are done (Pasal 12(3)).`,
  'postponement.checklistNeeded': 'Fill in and complete a new checklist after the postponement, concluding fit, before the session resumes (Pasal 12(2)c, 12(3)).',
  'postponement.inProgress': 'This session is being postponed right now; wait a moment and reload.',
  'session.finalised':
    'This session has been finalised: its records cannot be changed. A correction is made as a new document by the coordinator.',
  'session.nobodyStarted':
    'No participant started the test in this session, so there is nothing to finalise. Postpone or cancel the session instead (Pasal 12(2)e–f).',
  'session.completionMissing': (p) =>
    `${p.names.length + p.more === 1 ? '1 participant' : `${p.names.length + p.more} participants`} did not complete the whole series and have no reason yet: ${p.names.join(', ')}${p.more > 0 ? `, and ${p.more} more` : ''}. Record why before finalising (Pasal 14(1)l–m; SE BKN 6/2026 §5.g.2).`,

  // ------------------------------------------------------------ completion (SE BKN 6/2026 §5.g.2)
  'completion.onlyFinished': 'Reasons for not completing are recorded once the test is closed (session finished) and before it is finalised.',
  'completion.completed': 'This participant completed the whole series; no reason is needed.',
  'completion.noteRequired': 'The reason "other" needs a note saying what.',
  'completion.noteTooLong': (p) => `A note has at most ${p.max} characters.`,

  // ------------------------------------------------------------ checklist, PIN, incidents, visitors
  'checklist.conflict': (p) => `Someone else saved the checklist meanwhile (version ${p.version}); reload it.`,
  'checklist.incomplete': (p) => `The checklist is not complete: ${p.n} item(s) missing.`,
  'pin.noneActive': 'There is no active PIN to revoke.',
  'pin.tooFast': 'One PIN check per second per station; try again in a moment.',
  'incident.notFound': 'No such incident.',
  'incident.conflict': (p) => `Someone else changed this incident (now version ${p.version}); reload it.`,
  'visitor.notFound': 'No such visitor in this session.',
  'visitor.alreadyLeft': 'This visitor already left.',
  'visitor.outBeforeIn': 'The time out is before the time in.',
  'visitor.outInFuture': 'The time out is in the future.',

  // ------------------------------------------------------------ activities and their sessions
  'activity.notFound': 'Activity not found.',
  'activity.purposeUnknown': (p: { purpose: string }) =>
    `Unknown activity purpose "${p.purpose}"; choose filling a position, mapping employees in their positions, or ProASN (Pasal 8 ayat (2)).`,
  'activity.venueKindUnknown': (p: { kind: string }) => `Unknown kind of venue "${p.kind}" (SE BKN 6/2026 angka 5 huruf b).`,
  'activity.timeZoneUnknown': (p: { zone: string }) => `Unknown time zone "${p.zone}"; choose WIB, WITA or WIT.`,
  'activity.dateInvalid': (p: { date: string }) => `"${p.date}" is not a date (YYYY-MM-DD).`,
  'activity.timeInvalid': (p: { time: string }) => `"${p.time}" is not a time (HH:MM).`,
  'activity.datesOrder': (p: { from: string; to: string }) => `The end date ${day(p.to)} is before the start date ${day(p.from)}.`,
  'activity.proasnWindow': (p: { from: string; to: string; windowFrom: string; windowTo: string }) =>
    `ProASN activities can only take place from ${day(p.windowFrom)} to ${day(p.windowTo)} (SE BKN 6/2026 angka 5 huruf e.1); ${day(p.from)} to ${day(p.to)} is outside that range.`,
  'activity.leadTimeShort': (p: { date: string; today: string; workingDays: number; min: number; earliest: string; article: string }) =>
    `${day(p.date)} is only ${p.workingDays} working day${p.workingDays === 1 ? '' : 's'} after today (${day(p.today)}); at least ${p.min} working days are required (${p.article}). The earliest is ${day(p.earliest)}.`,
  'activity.overrideRole': 'Only a koordinator can schedule inside the minimum lead time, with a reason that is recorded.',
  'activity.overrideReason': (p: { min: number }) => `The reason for overriding the lead time needs at least ${p.min} characters; it is recorded in the audit trail.`,
  'activity.sessionOutsideDates': (p: { date: string; from: string; to: string }) =>
    `The session date ${day(p.date)} is outside the activity's dates (${day(p.from)} to ${day(p.to)}).`,
  'activity.proasnDuration': (p: { minutes: number; required: number }) =>
    `A ProASN session lasts ${p.required} minutes (SE BKN 6/2026 angka 5 huruf f.4), not ${p.minutes}.`,
  'activity.sessionStarted': (p: { state: SessionStateName }) =>
    `A session that has started cannot be moved or cancelled (state: ${sessionStatesEn[p.state]}).`,
  'activity.capacityOver': (p: { capacity: number; pcs: number; spares: number }) =>
    `A capacity of ${p.capacity} participants exceeds the ${p.pcs} test PCs enrolled in this room (plus ${p.spares} spare PCs).`,
  'activity.roomOtherVenue': "This room is not at the activity's venue.",
  'activity.userUnknown': (p: { id: number }) => `User ${p.id} does not exist or is not active.`,
  'activity.sessionNotInActivity': 'This session is not part of that activity.',
  'activity.cancelled': 'This session was already cancelled.',
  'calendar.dayOffExists': (p) => `${day(p.date)} is already recorded as a day off ("${p.name}") for this place.`,
  'activity.noSessions': 'This activity has no sessions yet: plan its sessions first, then import its participants.',
  'activity.seatsShort': (p) =>
    `Not enough seats: ${p.unplaced} new participant${p.unplaced === 1 ? '' : 's'} would have no place; the sessions still taking registrations have only ${p.free} free seat${p.free === 1 ? '' : 's'}. Add a session or capacity and import again; nothing was saved.`,
  'schedule.rangeTooLong': (p: { from: string; to: string; days: number; max: number }) =>
    `The schedule from ${day(p.from)} to ${day(p.to)} covers ${p.days} days; at most ${p.max} days at a time.`,

  // ------------------------------------------------------------ monitoring and evaluation (Pasal 16(4)–(5))
  'evaluation.rangeTooLong': (p: { from: string; to: string; days: number; max: number }) =>
    `The period from ${day(p.from)} to ${day(p.to)} covers ${p.days} days; a report covers at most ${p.max} days.`,
  'evaluation.outOfScope': 'That venue, region or agency is outside your scope: the report covers only the venues you oversee.',
  'evaluation.recommendationsShort': (p: { min: number }) => `Write the team's recommendations first (at least ${p.min} characters).`,

  // ------------------------------------------------------------ official documents (Perban BKN 4/2024 Lampiran I–III)
  'document.notFound': 'Document not found.',
  'document.correctionRole': 'Only a koordinator may issue a correction of an official document.',
  'document.correctionReason': (p: { min: number }) => `The reason for a correction needs at least ${p.min} characters; it is recorded on the new document and in the audit trail.`,
  'document.alreadyCorrected': (p: { number: string; version: number }) =>
    `This version of document ${p.number} has already been corrected (version ${p.version}); correct the latest version.`,
  'document.sendPdf': 'Send the PDF file (application/pdf) as the request body.',
  'document.sendFile': 'Send the PDF file (application/pdf), or the XLSX issued with the document, as the request body.',
  'document.noXlsx': (p: { number: string }) => `This version of document ${p.number} was not issued with an XLSX file; one is issued only with a monitoring and evaluation report (a correction of a report re-issues its PDF only).`,

  // ------------------------------------------------------------ roster, desk and seats (Pasal 14(2), Lampiran I.A)
  'import.sendFile': 'Send the CSV or XLSX file as the request body.',
  'import.notCsvOrXlsx': 'Send a CSV or XLSX file.',
  'import.busy': 'Another import is being read; try again in a moment.',
  'import.hasErrors': 'The file has errors; nothing was imported.',
  'participant.notFound': 'No such participant in this session.',
  'participant.notInSession': (p) => `Participant ${p.id} is not in this session.`,
  'seat.taken': (p) => `${p.code} is already assigned to ${p.name}.`,
  'seat.reasonNeeded': 'This participant has started: give the reason for the move.',
  'seat.notElsewhere': (p) => `${p.name} is not flagged as logged in at another PC than their seat there.`,
  'seat.needsControl': 'Registering with a PC needs participant.control; register without one.',
  'checkin.identityIncomplete': (p) =>
    `Identity check incomplete (${p.failed.map((c) => CHECK_EN[c]).join(', ')}): a participant enters only after all three match (Pasal 14(2)b).`,
  'checkin.started': 'This participant has started: move them with a reason (seat), not by registering again.',
  'checkin.arrivalInFuture': 'The arrival time is in the future.',
  'absent.loggedIn': 'This participant has logged in at a PC: they are present, never absent.',
  'absent.beforeCutoff': 'Registration is open until 60 minutes before the test (Lampiran I.A 1.a): nobody is absent before that cut-off.',

  // ------------------------------------------------------------ participant actions
  'action.ended': (p) => lead(p.name, 'the test was already ended.'),
  'action.sessionOver': (p) => lead(p.name, `the session is ${state(p.state)}: nobody can be acted on.`),
  'action.notWorking': (p) =>
    lead(p.name, `the test is not running (the session is ${state(p.state)}) and this participant is not working (not logged in, or finished): there is nothing to ${ACTION_EN[p.kind]}.`),
  'action.noPc': (p) => `${p.name} has no PC in this room.`,
  'action.someRefused': (p) => `${p.n === 1 ? '1 participant' : `${p.n} participants`} cannot be given this action.`,
  'action.addTimeNeeds': 'add_time needs minutes and a reason.',
  'action.endNeedsReason': 'Ending a test early needs a reason.',

  // ------------------------------------------------------------ field issues
  'issue.required': 'Required.',
  'issue.invalid': 'Not valid.',
  'issue.unknownField': 'Unknown field.',
  'issue.tooShort': (p) => `At least ${p.min} characters.`,
  'issue.tooLong': (p) => `At most ${p.max} characters.`,
  'issue.tooFew': (p) => `Choose at least ${p.min}.`,
  'issue.tooMany': (p) => `At most ${p.max}.`,
  'issue.min': (p) => `At least ${p.min}.`,
  'issue.max': (p) => `At most ${p.max}.`,
  'issue.above': (p) => `Must be more than ${p.min}.`,
  'issue.below': (p) => `Must be less than ${p.max}.`,
  'issue.mustBeChecked': 'Must be checked.',
  'issue.notInSession': 'Not in this session.',
  'issue.notInRoom': 'Not in this room.',
  'issue.inFuture': 'In the future.',
  'issue.started': 'The participant already started.',
  'issue.seatCode': 'Letters, digits and - only.',
  'issue.calendarDate': 'Not a calendar date (YYYY-MM-DD).',
  'issue.nothingToChange': 'Nothing to change: fill in at least one field.',
  'nip.format': NIP_EN.format,
  'nip.birth_date': NIP_EN.birth_date,
  'nip.appointment': NIP_EN.appointment,
  'nip.sex': NIP_EN.sex,

  // ------------------------------------------------------------ the participant import's file errors, by row and column
  'import.empty': 'The file is empty',
  'import.noRows': 'The file has a header but no participant rows',
  'import.tooManyRows': (p) => `The file has ${p.n} rows; at most ${p.max} can be imported at once`,
  'import.unknownColumn': (p) => `Unknown column "${p.title}"; use the columns of the template: ${p.columns.join(', ')}`,
  'import.columnTwice': (p) => `Column ${p.column} appears twice`,
  'import.columnMissing': (p) => `Column ${p.column} is missing`,
  'import.untitledCell': (p) => `Cell ${p.cell} has a value but its column has no title`,
  'import.cellTooLong': (p) => `${p.column} is longer than ${p.max} characters`,
  'import.cellEmpty': (p) => `${p.column} is empty`,
  'import.nipAsNumber': (p) =>
    `NIP "${p.nip}": the NIP is stored as a number, so Excel has lost its last digits; format the NIP column as Text and type the NIPs again`,
  'import.nipProblem': (p) => `NIP "${p.nip}": ${NIP_EN[p.problem]}`,
  'import.nipTwice': (p) => `NIP ${p.nip} appears in rows ${p.first} and ${p.row}`,
  'import.nomorTwice': (p) => `Nomor peserta ${p.nomor} appears in rows ${p.first} and ${p.row}`,
  'import.notCsv': 'The file is not a CSV text file',
  'import.csvUnreadable': (p) => `The CSV file cannot be read: ${p.why}`,
  'import.xlsxTooBig': 'The workbook unpacks to far more than a participant list: save only the list as a new file',
  'import.notXlsx': 'The file is not a readable XLSX workbook',
  'import.noWorksheet': 'The workbook has no worksheet',
  'import.otherAgency': (p) => `you may import only participants of ${p.agency ?? 'your agency'}`,
  'import.nipOtherAgency': 'this NIP is registered in this session by another agency',
  'import.nomorUsed': (p) => `nomor peserta ${p.nomor} is already used by another participant of this session`,
  'import.nipInOtherSession': (p) => `NIP ${p.nip} is already in session ${p.session} of the same activity; a participant sits one session only`,
  'import.nomorUsedInActivity': (p) => `nomor peserta ${p.nomor} is already used by another participant of this activity`
};
