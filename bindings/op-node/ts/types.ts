/**
 * Every wire type, enum and permission constant of the protocol (§9), under the names of
 * `@1password/sdk`. Timestamps are `Date` and binary content `Uint8Array` on the JS side.
 */

/** A human-readable error message carried inside a batch or resolve result. */
export type ErrorMessage = string;

/** The parts of an address field. */
export interface AddressFieldDetails {
  street: string;
  city: string;
  country: string;
  zip: string;
  state: string;
}

/** The file of a `Document` item. */
export interface DocumentCreateParams {
  name: string;
  content: Uint8Array;
}

/** One variable of an Environment. */
export interface EnvironmentVariable {
  name: string;
  value: string;
  /** Whether the value is hidden by default. */
  masked: boolean;
}

/** A stored file. */
export interface FileAttributes {
  name: string;
  id: string;
  /** Size in bytes. */
  size: number;
}

/** A file to attach to an item, in a file field. */
export interface FileCreateParams {
  name: string;
  content: Uint8Array;
  sectionId: string;
  fieldId: string;
}

/** A generated password. */
export interface GeneratePasswordResponse {
  password: string;
}

/** The variables of an Environment. */
export interface GetVariablesResponse {
  variables: EnvironmentVariable[];
}

/** Kinds of group. */
export enum GroupType {
  Owners = "owners",
  Administrators = "administrators",
  Recovery = "recovery",
  ExternalAccountManagers = "externalAccountManagers",
  TeamMembers = "teamMembers",
  UserDefined = "userDefined",
  Unsupported = "unsupported",
}

/** States of a group. */
export enum GroupState {
  Active = "active",
  Deleted = "deleted",
  Unsupported = "unsupported",
}

/** Who a vault access entry is for. */
export enum VaultAccessorType {
  User = "user",
  Group = "group",
  Broker = "broker",
}

/** One principal's access to a vault; `permissions` combines the constants below with `|`. */
export interface VaultAccess {
  vaultUuid: string;
  accessorType: VaultAccessorType;
  accessorUuid: string;
  permissions: number;
}

/** A group. */
export interface Group {
  id: string;
  title: string;
  description: string;
  groupType: GroupType;
  state: GroupState;
  vaultAccess?: VaultAccess[];
}

/** A group's permissions to grant on a vault. */
export interface GroupAccess {
  groupId: string;
  permissions: number;
}

/** What `groups.get` includes. */
export interface GroupGetParams {
  vaultPermissions?: boolean;
}

/** A group's permission set on a vault, replacing the one it has. */
export interface GroupVaultAccess {
  vaultId: string;
  groupId: string;
  permissions: number;
}

/** Item categories. */
export enum ItemCategory {
  Login = "Login",
  SecureNote = "SecureNote",
  CreditCard = "CreditCard",
  CryptoWallet = "CryptoWallet",
  Identity = "Identity",
  Password = "Password",
  Document = "Document",
  ApiCredentials = "ApiCredentials",
  BankAccount = "BankAccount",
  Database = "Database",
  DriverLicense = "DriverLicense",
  Email = "Email",
  MedicalRecord = "MedicalRecord",
  Membership = "Membership",
  OutdoorLicense = "OutdoorLicense",
  Passport = "Passport",
  Rewards = "Rewards",
  Router = "Router",
  Server = "Server",
  SshKey = "SshKey",
  SocialSecurityNumber = "SocialSecurityNumber",
  SoftwareLicense = "SoftwareLicense",
  Person = "Person",
  Unsupported = "Unsupported",
}

/** Field types. */
export enum ItemFieldType {
  Text = "Text",
  Concealed = "Concealed",
  CreditCardType = "CreditCardType",
  CreditCardNumber = "CreditCardNumber",
  Phone = "Phone",
  Url = "Url",
  Totp = "Totp",
  Email = "Email",
  Reference = "Reference",
  SshKey = "SshKey",
  Menu = "Menu",
  MonthYear = "MonthYear",
  Address = "Address",
  Date = "Date",
  Unsupported = "Unsupported",
}

/** What the core computes for a field: the one-time code, the SSH public key, the address parts. */
export type ItemFieldDetails =
  | { type: "Otp"; content: OtpFieldDetails }
  | { type: "SshKey"; content?: SshKeyAttributes }
  | { type: "Address"; content?: AddressFieldDetails };

/** A field of an item. */
export interface ItemField {
  id: string;
  title: string;
  sectionId?: string;
  fieldType: ItemFieldType;
  /** The value as text (dates `YYYY-MM-DD`, month-year `MM/YYYY`). */
  value: string;
  details?: ItemFieldDetails;
}

/** A section of an item (`id` and `title` `""` for the unnamed one). */
export interface ItemSection {
  id: string;
  title: string;
}

/** When a website is autofilled. */
export enum AutofillBehavior {
  AnywhereOnWebsite = "AnywhereOnWebsite",
  ExactDomain = "ExactDomain",
  Never = "Never",
}

/** A website of an item. */
export interface Website {
  url: string;
  label: string;
  autofillBehavior: AutofillBehavior;
}

/** A file field of an item. */
export interface ItemFile {
  attributes: FileAttributes;
  sectionId: string;
  fieldId: string;
}

/** An item. */
export interface Item {
  id: string;
  title: string;
  category: ItemCategory;
  vaultId: string;
  fields: ItemField[];
  sections: ItemSection[];
  notes: string;
  tags: string[];
  websites: Website[];
  /** Optimistic-concurrency version: `put` with a stale one fails. */
  version: number;
  files: ItemFile[];
  document?: FileAttributes;
  createdAt: Date;
  updatedAt: Date;
}

/** A new item. */
export interface ItemCreateParams {
  category: ItemCategory;
  vaultId: string;
  title: string;
  fields?: ItemField[];
  sections?: ItemSection[];
  notes?: string;
  tags?: string[];
  websites?: Website[];
  files?: FileCreateParams[];
  document?: DocumentCreateParams;
}

/** States of an item. */
export enum ItemState {
  Active = "active",
  Archived = "archived",
}

/** An item in a list: no fields, notes or version. */
export interface ItemOverview {
  id: string;
  title: string;
  category: ItemCategory;
  vaultId: string;
  websites: Website[];
  tags: string[];
  createdAt: Date;
  updatedAt: Date;
  state: ItemState;
}

/** How long a share link lives. */
export enum ItemShareDuration {
  OneHour = "OneHour",
  OneDay = "OneDay",
  SevenDays = "SevenDays",
  FourteenDays = "FourteenDays",
  ThirtyDays = "ThirtyDays",
}

/** Kinds of share link an account allows. */
export enum AllowedType {
  Authenticated = "Authenticated",
  Public = "Public",
}

/** Kinds of share recipient an account allows. */
export enum AllowedRecipientType {
  Email = "Email",
  Domain = "Domain",
}

/** The account's rules for sharing files. */
export interface ItemShareFiles {
  allowed: boolean;
  maxSize: number;
  allowedTypes?: AllowedType[];
  allowedRecipientTypes?: AllowedRecipientType[];
  maxExpiry?: ItemShareDuration;
  defaultExpiry?: ItemShareDuration;
  maxViews?: number;
}

/** The account's rules for share links. */
export interface ItemShareAccountPolicy {
  maxExpiry: ItemShareDuration;
  defaultExpiry: ItemShareDuration;
  maxViews?: number;
  allowedTypes: AllowedType[];
  allowedRecipientTypes: AllowedRecipientType[];
  files: ItemShareFiles;
}

/** A checked share recipient. */
export type ValidRecipient =
  | { type: "Email"; parameters: { email: string } }
  | { type: "Domain"; parameters: { domain: string } };

/** A share link to create. */
export interface ItemShareParams {
  recipients?: ValidRecipient[];
  expireAfter?: ItemShareDuration;
  oneTimeOnly: boolean;
}

/** One result of a batch call: `content` on success, `error` otherwise. */
export interface Response<T, E> {
  content?: T;
  error?: E;
}

/** Why one item of a batch write failed. */
export type ItemUpdateFailureReason =
  | { type: "itemValidationError"; message: ErrorMessage }
  | { type: "itemStatusPermissionError"; message?: undefined }
  | { type: "itemStatusIncorrectItemVersion"; message?: undefined }
  | { type: "itemStatusFileNotFound"; message?: undefined }
  | { type: "itemStatusTooBig"; message?: undefined }
  | { type: "itemNotFound"; message?: undefined }
  | { type: "internal"; message: ErrorMessage };

/** `items.deleteAll` results, keyed by item id. */
export interface ItemsDeleteAllResponse {
  individualResponses: Record<string, Response<undefined, ItemUpdateFailureReason>>;
}

/** Why one item of `items.getAll` failed. */
export type ItemsGetAllError =
  | { type: "itemNotFound"; message?: undefined }
  | { type: "internal"; message: ErrorMessage };

/** `items.getAll` results, in request order. */
export interface ItemsGetAllResponse {
  individualResponses: Response<Item, ItemsGetAllError>[];
}

/** `items.createAll` results, in request order. */
export interface ItemsUpdateAllResponse {
  individualResponses: Response<Item, ItemUpdateFailureReason>[];
}

/** The one-time code of a TOTP field, or why it could not be computed. */
export interface OtpFieldDetails {
  code?: string;
  errorMessage?: string;
}

/** A resolved secret and where it came from. */
export interface ResolvedReference {
  secret: string;
  itemId: string;
  vaultId: string;
}

/** Why one reference of `secrets.resolveAll` failed. */
export type ResolveReferenceError =
  | { type: "parsing"; message: ErrorMessage }
  | { type: "fieldNotFound"; message?: undefined }
  | { type: "vaultNotFound"; message?: undefined }
  | { type: "tooManyVaults"; message?: undefined }
  | { type: "itemNotFound"; message?: undefined }
  | { type: "tooManyItems"; message?: undefined }
  | { type: "tooManyMatchingFields"; message?: undefined }
  | { type: "noMatchingSections"; message?: undefined }
  | { type: "incompatibleTOTPQueryParameterField"; message?: undefined }
  | { type: "unableToGenerateTotpCode"; message: ErrorMessage }
  | { type: "sSHKeyMetadataNotFound"; message?: undefined }
  | { type: "unsupportedFileFormat"; message?: undefined }
  | { type: "incompatibleSshKeyQueryParameterField"; message?: undefined }
  | { type: "unableToParsePrivateKey"; message?: undefined }
  | { type: "unableToFormatPrivateKeyToOpenSsh"; message?: undefined }
  | { type: "other"; message?: undefined };

/** `secrets.resolveAll` results, keyed by reference. */
export interface ResolveAllResponse {
  individualResponses: Record<string, Response<ResolvedReference, ResolveReferenceError>>;
}

/** What the core derives from an SSH private key. */
export interface SshKeyAttributes {
  publicKey: string;
  fingerprint: string;
  /** e.g. `"Ed25519"` or `"RSA, 2048-bit"`. */
  keyType: string;
}

/** Kinds of vault. */
export enum VaultType {
  Personal = "personal",
  Everyone = "everyone",
  Transfer = "transfer",
  UserCreated = "userCreated",
  Unsupported = "unsupported",
}

/** A vault. */
export interface Vault {
  id: string;
  title: string;
  description: string;
  vaultType: VaultType;
  activeItemCount: number;
  contentVersion: number;
  attributeVersion: number;
  access?: VaultAccess[];
}

/** A new vault. */
export interface VaultCreateParams {
  title: string;
  description?: string;
  allowAdminsAccess?: boolean;
}

/** What `vaults.get` includes. */
export interface VaultGetParams {
  accessors?: boolean;
}

/** How `vaults.list` lists. */
export interface VaultListParams {
  decryptDetails?: boolean;
}

/** A vault in a list. */
export interface VaultOverview {
  id: string;
  title: string;
  description: string;
  vaultType: VaultType;
  activeItemCount: number;
  contentVersion: number;
  attributeVersion: number;
  createdAt: Date;
  updatedAt: Date;
}

/** Changes to a vault. */
export interface VaultUpdateParams {
  title?: string;
  description?: string;
}

/** A filter of `items.list`. */
export type ItemListFilter = {
  type: "ByState";
  content: { active: boolean; archived: boolean };
};

/** A password recipe. */
export type PasswordRecipe =
  | {
      type: "Memorable";
      parameters: {
        separatorType: SeparatorType;
        capitalize: boolean;
        wordListType: WordListType;
        wordCount: number;
      };
    }
  | { type: "Pin"; parameters: { length: number } }
  | { type: "Random"; parameters: { includeDigits: boolean; includeSymbols: boolean; length: number } };

/** What separates the words of a memorable password. */
export enum SeparatorType {
  Digits = "digits",
  DigitsAndSymbols = "digitsAndSymbols",
  Spaces = "spaces",
  Hyphens = "hyphens",
  Underscores = "underscores",
  Periods = "periods",
  Commas = "commas",
}

/** The words of a memorable password. */
export enum WordListType {
  FullWords = "fullWords",
  Syllables = "syllables",
  ThreeLetters = "threeLetters",
}

// Vault permission bits (protocol §9.7); combine with `|`.
/** Archive items. */
export const ARCHIVE_ITEMS: number = 256;
/** Create items. */
export const CREATE_ITEMS: number = 128;
/** Delete items. */
export const DELETE_ITEMS: number = 512;
/** Export items. */
export const EXPORT_ITEMS: number = 4194304;
/** Import items. */
export const IMPORT_ITEMS: number = 2097152;
/** Manage the vault. */
export const MANAGE_VAULT: number = 2;
/** No access. */
export const NO_ACCESS: number = 0;
/** Print items. */
export const PRINT_ITEMS: number = 8388608;
/** Read items. */
export const READ_ITEMS: number = 32;
/** Recover the vault. */
export const RECOVER_VAULT: number = 1;
/** Reveal item passwords. */
export const REVEAL_ITEM_PASSWORD: number = 16;
/** Share items. */
export const SEND_ITEMS: number = 1048576;
/** Edit items. */
export const UPDATE_ITEMS: number = 64;
/** See and restore item history. */
export const UPDATE_ITEM_HISTORY: number = 1024;

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/**
 * `JSON.parse` reviver for core results, as in `@1password/sdk`: `createdAt`/`updatedAt`
 * timestamps become `Date`, non-empty arrays of bytes become `Uint8Array`.
 */
export const ReviverFunc = (key: string, value: unknown): unknown => {
  if (typeof value === "string" && (key === "createdAt" || key === "updatedAt") && TIMESTAMP.test(value)) {
    return new Date(value);
  }
  if (
    Array.isArray(value) &&
    value.length > 0 &&
    value.every((v) => Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 255)
  ) {
    return new Uint8Array(value as number[]);
  }
  return value;
};

/**
 * `JSON.stringify` replacer for invocations: `Date` as an ISO timestamp, `Uint8Array` (and
 * `Buffer`, whose own `toJSON` would otherwise win) as an array of bytes.
 */
export const ReplacerFunc = function (this: unknown, key: string, value: unknown): unknown {
  const original = this !== null && typeof this === "object" ? (this as Record<string, unknown>)[key] : value;
  if (original instanceof Uint8Array) {
    return Array.from(original);
  }
  if (original instanceof Date) {
    return original.toISOString();
  }
  return value;
};
