/** English strings of the integrity rules; the same keys as integrity.id.ts. */
import type { integrityId } from './integrity.id.ts';

export const integrityEn: Record<keyof typeof integrityId, string> = {
  'integrity.tile.unregistered': 'Logged in, not registered',
  'integrity.tile.unregisteredLong': 'Logged in at this PC but not registered present at the desk',
  'integrity.tile.wrongPc': 'Not their PC · seat {code}',
  'integrity.tile.wrongPcTaken': "Logged in at someone else's seat",
  'integrity.tile.seatedHere': 'Logged in at {code}',
  'integrity.tile.seatedHereLong': 'The participant seated at this PC logged in at {code}',

  'integrity.panel.title': "Does not match the registration desk's record",
  'integrity.panel.unregistered': '{name} logged in at this PC but is not registered present (Pasal 14(2)a–b).',
  'integrity.panel.unregisteredHint': 'Check their identity card, participant card and face, then register them at the desk.',
  'integrity.panel.toDesk': 'Open the registration desk',
  'integrity.panel.wrongPc': '{name} logged in at this PC, but the desk seated them at {code}.',
  'integrity.panel.wrongPcTaken': "{name} logged in at this PC, which is another participant's seat.",
  'integrity.panel.seatedHere': '{name} is seated at this PC but logged in at {code}.',
  'integrity.panel.moveHere': 'Move their seat to {code}…',
  'integrity.panel.sendBack': 'Send back to {code}',
  'integrity.panel.sendAway': 'Ask them to leave this PC',
  'integrity.panel.reason': 'Reason for the move (goes into the history and the minutes)',
  'integrity.panel.moveConfirm': 'Move the seat',
  'integrity.panel.sentBack': 'Recorded: {name} was sent back to their PC.',
  'integrity.panel.moved': "{name}'s seat moved to {code}.",

  'integrity.policy.label': 'Logins by participants not registered',
  'integrity.policy.refuse': 'Refused at the PIN (default)',
  'integrity.policy.flag': 'Let in, flagged on the PC until registered',
  'integrity.policy.hint': 'Applies to every room of {venue}.',
  'integrity.policy.saved': 'Rule saved.',

  'integrity.projector.notStarted': 'The test has not started: the PIN works once the proctor starts it.',

  'integrity.count.unregistered': 'logged in, not registered',
  'integrity.count.wrongPc': 'logged in at another PC',

  'integrity.desk.loggedInAt': 'logged in at {code}',
  'integrity.desk.unregistered': 'Logged in, not registered',
  'integrity.desk.wrongPc': 'Logged in at another PC',

  'integrity.absent.ask': 'Mark {name} absent?',
  'integrity.absent.askText': 'Someone who comes later can still be registered (recorded late).',
  'integrity.absent.yes': 'Yes, mark absent',
  'integrity.absent.no': 'Cancel',
  'integrity.absent.notYet': 'An absence can be recorded only after the registration cut-off at {time}.',
  'integrity.absent.loggedIn': 'Logged in at {code}: this participant is present.',

  'integrity.preview.loading': 'Checking what this step needs…',
  'integrity.preview.error': 'What this step needs could not be checked: {message}',
  'integrity.start.ready': 'Ready to start: {present} present and {absent} absent of {total} participants.',
  'integrity.start.markAbsent': 'Mark the {n} participants neither registered nor logged in absent, then start the test',
  'integrity.start.loggedIn': '{n} participants are not registered but logged in at a PC: they will not be marked absent. Register them at the desk.',
  'integrity.start.pin': 'A session PIN is active. Participants can log in with it once the test has started.',
  'integrity.finish.ends': 'The tests of {n} participants still working will be ended with this reason.',
  'integrity.visitors.inside': 'Still recorded inside the room ({n}):',
  'integrity.visitors.startNote': 'During the test only participants and the Tim Penyelenggara are in the test room (Pasal 13(2)); others only with permission (Pasal 14(1)k).',
  'integrity.visitors.finishNote': 'Record when they left if they have gone.',
  'integrity.visitors.finaliseNote': 'Record when they left before closing the session: the minutes cannot say someone is still inside.',
  'integrity.visitors.since': 'in at {time}',
  'integrity.visitors.out': 'Record out now',
  'integrity.visitors.outFor': 'Record {name} out now'
};
