// As in Visma Severa: travel reimbursement transfer is switched on and off apart from the integration's main toggle.
import { BridgeError } from '../errors/bridge-error';

/** 409 travel_transfers_off: the connection takes no travel invoices or expense claims (travelTransfersEnabled). */
export class TravelTransfersOffError extends BridgeError {
  override name = 'TravelTransfersOffError';
  constructor(connectionId: string) {
    super(
      409,
      'travel_transfers_off',
      `Connection ${connectionId} does not take travel invoices or expense claims: turn on the setting travelTransfersEnabled.`,
      [
        {
          path: 'settings.travelTransfersEnabled',
          rule: 'enabled',
          message: 'must be true to send travel reimbursements',
        },
      ],
    );
  }
}
