/** The application layer: the use cases the pane, the ribbon and the command line share (docs/ARCHITECTURE.md). */
export * from './codes';
export * from './ports';
export * from './findings';
export { checkReturn, findingsCutNotice, type CheckInput, type ReturnCheck } from './check';
export {
  figuresOf,
  previewSignature,
  reasonsBlocked,
  refusalLines,
  signedSentence,
  signerRefusal,
  signReturn,
  type ReceiptDue,
  type SignInput,
  type SignMode,
  type SignOutcome,
  type SignPorts,
  type SignPreview,
  type Signed,
  type SignRefused,
} from './sign';
export {
  ownLatestSignature,
  withdrawnSentence,
  withdrawSignature,
  type WithdrawInput,
  type WithdrawOutcome,
} from './withdraw';
export {
  compareReturns,
  restatementsOf,
  standingSignatures,
  withPreviousReturn,
  withReference,
  type ComparedReturn,
  type ReturnsCompared,
} from './compare';
export { restateFigure, restatementTarget, type RestateInput, type RestateOutcome } from './restate';
export {
  UNPLACED_ROLES,
  unplacedColumns,
  withColumnChoices,
  type ColumnChoice,
  type UnplacedColumn,
  type UnplacedRole,
} from './column-mapping';
export { notRecordedRefusal, signRecorded, withdrawRecorded, writeSurvived, type Settle } from './recorded';
export {
  repairedSentence,
  repairTrail,
  withRepairRemedy,
  REPAIR_NEEDED,
  type RepairInput,
  type RepairOutcome,
} from './repair';
