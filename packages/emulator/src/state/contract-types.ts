// Short names for the contract's schemas the emulator stores (generated from openapi.json).
import type { components } from '@procountor-bridge/client/generated';

type Schemas = components['schemas'];
export type Company = Schemas['Company'];
export type BusinessPartner = Schemas['BusinessPartner'];
export type BusinessPartnerGroup = Schemas['BusinessPartnerGroup'];
export type Product = Schemas['Product'];
export type ProductGroup = Schemas['ProductGroup'];
export type Dimension = Schemas['Dimension'];
export type DimensionItem = Schemas['DimensionItem'];
export type Person = Schemas['Person'];
export type VatSettings = Schemas['VatSettings'];
export type LedgerAccount = Schemas['LedgerAccount'];
export type FiscalYear = Schemas['FiscalYear'];
export type Invoice = Schemas['Invoice'];
export type LedgerReceipt = Schemas['LedgerReceipt'];
export type Attachment = Schemas['Attachment'];
export type PaymentEvent = Schemas['PaymentEvent'];
export type Comment = Schemas['Comment'];
export type Webhook = Schemas['Webhook'];
export type BankAccount = Schemas['CompanyBankAccount'];
export type CompanyUsageSettings = Schemas['CompanyUsageSettings'];
export type DefaultDimension = Schemas['DefaultDimension'];
export type InvoicePayment = Schemas['InvoicePayment'];
export type PaymentRowInfo = Schemas['PaymentRowInfo'];
export type PaymentErrorMessage = Schemas['PaymentErrorMessage'];
