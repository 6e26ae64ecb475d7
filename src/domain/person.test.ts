import { describe, expect, it } from 'vitest';
import { isRoleAddress } from './person.js';

describe('isRoleAddress', () => {
  it('knows the shared mailboxes of a team or a desk, however written', () => {
    for (const address of [
      'info@acme.example',
      'Support@Acme.example',
      'sales+eu@acme.example',
      'customer.service@acme.example',
      'customer_care@acme.example',
      'hello@dataeng.example',
    ])
      expect(isRoleAddress(address), address).toBe(true);
  });

  it('takes a person’s address, or one merely starting like a role, for a person’s', () => {
    for (const address of [
      'jane.doe@acme.example',
      'information.technology.department@acme.example',
      'infos@acme.example',
      'salesforce-admin-jane@acme.example',
      'helen@acme.example',
      'info',
      '@info',
    ])
      expect(isRoleAddress(address), address).toBe(false);
  });
});
