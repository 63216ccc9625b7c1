/** Help texts: every option, and an example a compiler can copy. */

export const MAIN_HELP = `outturn — check performance-indicator returns (metric collection grids) in .xlsx and .csv files

Usage:
  outturn check <file|folder>... [options]   check returns; mark failing cells in a copy
  outturn sign  <file.xlsx> --role ROLE --name NAME [--indicators REF,...] [--acknowledge "reason"] (--out FILE | --in-place)
                                             sign your indicators as compiler, responsible-officer or head-of-service
  outturn withdraw <file.xlsx> --role ROLE --name NAME --reason TEXT (--out FILE | --in-place)
                                             withdraw your signature, with a reason
  outturn audit <file.xlsx> [--format text|json] [--receipt RECEIPT.json]
                                             print and verify the audit trail and the sign-off matrix
  outturn register <folder|file>... [--format text|json|csv|html]
                                             one row per return: checks, coverage, sign-off, trail, receipt
  outturn compare <previous.xlsx> <current.xlsx> [--format text|json|csv|html]
                                             every difference between the previous return and this one
  outturn restate <file.xlsx> --indicator REF --period LABEL --name NAME --reason TEXT (--out FILE | --in-place)
                                             record why a reported figure changed
  outturn report <file.xlsx> [--format html|pdf] [--out FILE] [--receipt RECEIPT.json]
                                             the assurance pack: cover, indicators, signatures, declarations, trail
  outturn repair <file.xlsx> --reason TEXT --name NAME --role head-of-service|auditor (--out FILE | --in-place)
                                             repair a broken audit trail; the break stays recorded
  outturn <command> --help                   help for one command
  outturn --version

Examples:
  outturn check examples/corporate-pis-july-2017.xlsx --as-of 2017-08-21
  outturn check examples/ --format json > results.json
  outturn sign examples/corporate-pis-july-2017.xlsx --role compiler --name "Alan Pritchard" --out corporate-pis-signed.xlsx
  outturn audit corporate-pis-signed.xlsx

Exit status: 0 all well; 1 errors found (check), signing or withdrawing refused, or a broken trail
or stale signature (audit); 2 a file or the arguments could not be used.
`;

export const CHECK_HELP = `outturn check — check metric collection grids for accuracy, completeness and timeliness

Usage:
  outturn check <file.xlsx|file.csv|folder>... [options]

Every worksheet that holds a grid is checked, unless --sheet names one. A folder is
searched (with its sub-folders) for .xlsx and .csv files; Excel's "~$" lock files are skipped.
For an .xlsx the audit trail is read too: once the deadline has passed, a warning for the
workbook names the sign-off roles without a current signature (see \`outturn audit\`).

Options:
  --sheet NAME          check only this worksheet
  --config FILE         rule configuration (JSON); overrides the configuration saved in the workbook
  --period YYYY-MM      reporting period, e.g. 2017-07 for results up to July 2017
                        (default: the configuration, else a "Results up to ..." title);
                        a fixed deadline saved in the workbook for another period is set
                        aside, with a note (one in --config is kept)
  --as-of YYYY-MM-DD    the date the check is made as of (default: today)
  --deadline-days N     submission deadline in working days after the period ends (default 10);
                        sets aside a fixed deadline from the configuration, with a note
  --nation NATION       whose bank holidays make the working days: england-and-wales
                        (default), scotland or northern-ireland
  --previous FILE       the previous return (last month's or last quarter's file): adds the
                        reliability findings: figures of reported periods changed without a
                        restatement (restated-figure), moved targets, commentary copied while
                        the figure moved, indicators added or removed (see \`outturn compare --help\`
                        for what counts as the same figure). One input file only. Without it,
                        an .xlsx is compared with the figures its own trail holds from the last
                        sign-off (the head of service's signature), where signatures kept them.
  --format FORMAT       text (default), json, csv or html
  --out FILE.xlsx       write a copy with failing cells marked (errors red, warnings amber,
                        each finding as a cell note); the input file is never changed.
                        One .xlsx (or .xlsm, marked into an .xlsm) input only. Only the
                        marked sheets, their notes and the styles change; every other part
                        (charts, pivot tables, images, macros, Outturn's trail) is copied as is.
  -h, --help            show this help

Examples:
  outturn check examples/corporate-pis-july-2017.xlsx --period 2017-07 --as-of 2017-08-21
  outturn check examples/corporate-pis-july-2017.xlsx --out corporate-pis-marked.xlsx
  outturn check examples/ --format html > report.html

Exit status: 0 no errors found, 1 errors found, 2 a file or the arguments could not be used
(several files: 2 when any file could not be read).
`;
