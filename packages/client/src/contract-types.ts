// Public names for the contract's models: aliases of the generated `components['schemas']`, prefixed Procountor.
import type { components, operations } from './generated';

type Schemas = components['schemas'];
type QueryOf<O extends keyof operations> = NonNullable<operations[O]['parameters']['query']>;

export type ProcountorInvoice = Schemas['Invoice'];
export type ProcountorInvoiceBasicInfo = Schemas['InvoiceBasicInfo'];
export type ProcountorInvoiceSearchResult = Schemas['InvoiceSearchResult'];
/** Every filter of GET /invoices (status, types, originalInvoiceNumber, dates, paging, ordering …). */
export type ProcountorInvoiceSearchFilters = QueryOf<'SearchInvoice'>;
export type ProcountorInvoiceRow = Schemas['InvoiceRow'];
export type ProcountorCheckingEvent = Schemas['CheckingEvent'];
export type ProcountorMarkInvoiceAsPaid = Schemas['MarkInvoiceAsPaid'];
export type ProcountorPaymentEvent = Schemas['PaymentEvent'];
export type ProcountorPaymentEventSearchResult = Schemas['PaymentEventSearchResult'];
export type ProcountorComment = Schemas['Comment'];
export type ProcountorComments = Schemas['Comments'];
export type ProcountorInfoMessage = Schemas['InfoMessage'];

export type ProcountorBusinessPartner = Schemas['BusinessPartner'];
export type ProcountorBusinessPartnerBasicInfo = Schemas['BusinessPartnerBasicInfo'];
export type ProcountorBusinessPartnerSearchResult = Schemas['BusinessPartnerSearchResult'];
export type ProcountorBusinessPartnerGroup = Schemas['BusinessPartnerGroup'];
export type ProcountorBusinessPartnerGroupSearchResult = Schemas['BusinessPartnerGroupSearchResult'];
/** Query filters of GET /businesspartners; `name` and `identifier` go in headers (see BusinessPartners.search). */
export type ProcountorBusinessPartnerSearchFilters = QueryOf<'SearchBusinessPartners'>;

export type ProcountorProduct = Schemas['Product'];
export type ProcountorProductSearchResult = Schemas['ProductSearchResult'];
export type ProcountorProductSearchFilters = QueryOf<'GetProducts'>;
export type ProcountorProductGroup = Schemas['ProductGroup'];
export type ProcountorProductGroups = Schemas['ProductGroups'];

export type ProcountorDimension = Schemas['Dimension'];
export type ProcountorDimensionItem = Schemas['DimensionItem'];
export type ProcountorDimensionItemValueList = Schemas['DimensionItemValueList'];

export type ProcountorLedgerReceipt = Schemas['LedgerReceipt'];
export type ProcountorLedgerReceiptBasicInfo = Schemas['LedgerReceiptBasicInfo'];
export type ProcountorLedgerReceiptSearchResult = Schemas['LedgerReceiptSearchResult'];
export type ProcountorLedgerReceiptSearchFilters = QueryOf<'SearchLedgerReceipt'>;

export type ProcountorAttachment = Schemas['Attachment'];
export type ProcountorAttachmentSearchResult = Schemas['AttachmentSearchResult'];
export type ProcountorAttachmentSearchFilters = QueryOf<'GetAttachments'>;

export type ProcountorPerson = Schemas['Person'];
export type ProcountorPersonSearchResult = Schemas['PersonSearchResult'];
export type ProcountorPersonSearchFilters = QueryOf<'GetPersons'>;

export type ProcountorCompany = Schemas['Company'];
export type ProcountorVatInformation = Schemas['VatInformation'];
export type ProcountorVatPercentages = Schemas['VatPercentages'];
export type ProcountorVatSettings = Schemas['VatSettings'];
export type ProcountorLedgerAccounts = Schemas['LedgerAccounts'];
export type ProcountorFiscalYears = Schemas['FiscalYears'];
export type ProcountorCurrencies = Schemas['Currencies'];
export type ProcountorBankAccount = Schemas['CompanyBankAccount'];
export type ProcountorBankAccountSearchResult = Schemas['CompanyBankAccountSearchResult'];
export type ProcountorWebhook = Schemas['Webhook'];
export type ProcountorWebhookSearchResult = Schemas['WebhookSearchResult'];
export type ProcountorSessionInfo = Schemas['SessionInfo'];
export type ProcountorStatus = Schemas['Status'];
export type ProcountorErrorMessages = Schemas['ErrorMessages'];
export type ProcountorSearchResultMeta = Schemas['SearchResultMetaData'];
