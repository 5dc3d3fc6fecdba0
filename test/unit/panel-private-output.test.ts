// Contact addresses (panel:seats invitations) never go into a folder that gets published.
import { expect, test } from 'vitest';
import { checkPrivateOutput, StaffError } from '../../scripts/lib/panel-staff.ts';

test('invitations are refused inside content/, dist/ or public/, and allowed elsewhere', () => {
  for (const out of ['content/invitations.csv', 'content/panel-draws/x.csv', 'dist/a.csv', 'public/i.csv', './content/../content/x.csv', 'my-content/x.csv'.replace('my-', '')]) {
    expect(() => checkPrivateOutput(out, 'content'), out).toThrow(StaffError);
  }
  expect(() => checkPrivateOutput('/tmp/elsewhere/content.csv', 'some/other/content')).not.toThrow();
  expect(() => checkPrivateOutput('../private/invitations.csv', 'content')).not.toThrow();
  expect(() => checkPrivateOutput('private/invitations.csv', 'content')).not.toThrow();
  expect(() => checkPrivateOutput('site-content/x.csv', 'site-content')).toThrow(StaffError);
});
