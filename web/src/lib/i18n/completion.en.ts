/** English strings of the finalise dialog's completion list; the same keys as completion.id.ts. */
import type { completionId } from './completion.id.ts';

export const completionEn: Record<keyof typeof completionId, string> = {
  'completion.title': 'Participants who did not complete the whole series',
  'completion.intro': 'A ProASN result exists only for the whole series (SE BKN 6/2026 §5.g.2). Choose a reason for each participant below; it appears on the lists issued when the session is finalised.',
  'completion.allCompleted': 'Every participant completed the whole series.',
  'completion.missing': '{n} participant(s) have no reason yet.',
  'completion.noneMissing': 'Everyone who did not complete has a reason.',
  'completion.completedCount': '{n} of {total} participants completed the whole series.',
  'completion.loading': 'Loading the participants …',
  'completion.error': 'The participants could not be loaded: {message}',
  'completion.progress.notStarted': 'Never logged in',
  'completion.progress.at': '{instrument} · {percent}% of the whole series',
  'completion.progress.noQuestionnaire': 'Every instrument done; questionnaire not',
  'completion.attendance.present': 'present',
  'completion.attendance.absent': 'absent',
  'completion.attendance.expected': 'not registered',
  'completion.reason': 'Reason',
  'completion.reasonFor': 'Reason for {name}',
  'completion.choose': '— choose a reason —',
  'completion.suggested': '(suggested)',
  'completion.note': 'Note',
  'completion.noteFor': 'Note for {name}',
  'completion.noteNeeded': 'Write a note for the reason "Other".',
  'completion.state.saved': 'Saved',
  'completion.state.changed': 'Not saved yet',
  'completion.state.lacking': 'No reason yet',
  'completion.save': 'Save reasons ({n})',
  'completion.saveNone': 'Save reasons',
  'completion.saved': 'Reasons saved.'
};
