"use client";

import {
  columnVisibilityFeature,
  createColumnHelper,
  createSortedRowModel,
  metaHelper,
  rowSelectionFeature,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_datetime,
  sortFn_text,
  tableFeatures,
  useTable,
  type ColumnHelper,
  type RowData,
  type RowSelectionState,
  type SortingState,
  type Updater,
} from "@tanstack/react-table";
import { useMemo, useState, type ReactNode } from "react";

import { cn } from "../lib/cn";
import { Button } from "./button";
import { Checkbox } from "./checkbox";
import {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuLabel,
  DropdownMenuTrigger,
} from "./dropdown-menu";
import { Icon } from "./icons";
import {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TableScroll,
} from "./table";
import { buttonVariants } from "./button";

/** What a column may say about itself beyond TanStack's own options. */
export interface DataTableColumnMeta {
  /** The column's name in the column menu (its header may be an element or empty). */
  label?: string;
  /** Classes on the column's header and body cells (e.g. one that hides it on phones). */
  className?: string;
}

/** The table features every DataTable has: sorting, column visibility, row selection. */
export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { alphanumeric: sortFn_alphanumeric, text: sortFn_text, datetime: sortFn_datetime },
  columnVisibilityFeature,
  rowSelectionFeature,
  columnMeta: metaHelper<DataTableColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;
/** Columns as `dataTableColumns<T>().columns([...])` builds them (each with its own value type). */
export type DataTableColumns<TData extends RowData> = ReturnType<
  ColumnHelper<DataTableFeatures, TData>["columns"]
>;
export type { SortingState };

/** A column helper typed for DataTable's features: `dataTableColumns<User>().accessor(...)`. */
export function dataTableColumns<TData extends RowData>() {
  return createColumnHelper<DataTableFeatures, TData>();
}

export interface DataTableSelection<TData extends RowData> {
  /** The accessible name of a row's checkbox, e.g. "Select Ada Lovelace". */
  rowLabel: (row: TData) => string;
  /** The accessible name of the header's checkbox, e.g. "Select every user on this page". */
  allLabel: string;
  /** Rows that cannot be picked (oneself, say); all rows when omitted. */
  canSelect?: (row: TData) => boolean;
  /** The bulk actions for the picked rows; `clear` empties the selection. */
  actions: (selected: TData[], clear: () => void) => ReactNode;
  /** What the count says: "2 users selected". */
  countLabel?: (count: number) => string;
}

export interface DataTableProps<TData extends RowData> {
  /** The table's accessible name (also the name of its scroll region). */
  label: string;
  columns: DataTableColumns<TData>;
  data: TData[];
  getRowId: (row: TData) => string;
  /**
   * Sorting the caller owns, for data sorted on the server (`manualSorting`);
   * without it the table sorts the rows it has. `state` must keep its
   * identity between renders (memoise it): the table compares it by reference.
   */
  sorting?: { state: SortingState; onChange: (next: SortingState) => void };
  /** Row checkboxes and the bar of bulk actions; no selection when omitted. */
  selection?: DataTableSelection<TData>;
  /** Marks the table busy while newer rows load. */
  busy?: boolean;
}

const SELECT_COLUMN = "select";

/**
 * A data table on TanStack Table: sortable headers (aria-sort), a menu to
 * show or hide columns, and, with `selection`, row checkboxes and a bar of
 * bulk actions. Wide tables scroll inside their own region, with shadows at
 * the edge that has more to show, so the page itself never scrolls sideways.
 */
export function DataTable<TData extends RowData>({
  label,
  columns,
  data,
  getRowId,
  sorting,
  selection,
  busy,
}: DataTableProps<TData>) {
  const allColumns = useMemo(
    (): DataTableColumns<TData> => (selection ? [selectColumn(selection), ...columns] : columns),
    [columns, selection],
  );
  const [ownSorting, setOwnSorting] = useState<SortingState>([]);
  const sortingState = sorting?.state ?? ownSorting;
  const onSortingChange = (updater: Updater<SortingState>) => {
    const next = typeof updater === "function" ? updater(sortingState) : updater;
    if (sorting) sorting.onChange(next);
    else setOwnSorting(next);
  };

  // A selection holds rows on show only: new rows (another page, a refetch
  // after a bulk action) start with none picked.
  const [rowSelection, setRowSelection] = useState<RowSelectionState>({});
  const [rowsShown, setRowsShown] = useState(data);
  if (rowsShown !== data) {
    setRowsShown(data);
    setRowSelection({});
  }

  const table = useTable({
    features: dataTableFeatures,
    columns: allColumns,
    data,
    getRowId: (row: TData) => getRowId(row),
    // Controlled slices are compared by reference on every render: both are
    // React state here, and `sorting.state` must be memoised by the caller.
    state: { sorting: sortingState, rowSelection },
    onSortingChange,
    onRowSelectionChange: (updater: Updater<RowSelectionState>) =>
      setRowSelection((current) => (typeof updater === "function" ? updater(current) : updater)),
    manualSorting: sorting !== undefined,
    enableMultiSort: false,
    enableRowSelection: (row) => selection?.canSelect?.(row.original) ?? true,
  });

  const selected = table.getSelectedRowModel().rows.map((row) => row.original);
  const hideable = table.getAllLeafColumns().filter((column) => column.getCanHide());

  return (
    // One column that may shrink below the table's width: the table scrolls, not the page.
    <div className="grid grid-cols-[minmax(0,1fr)] gap-2">
      <div
        className="flex flex-wrap items-center justify-end gap-2 px-4 pt-3"
        data-slot="data-table-bar"
      >
        {selection && selected.length > 0 ? (
          <div
            className="mr-auto flex flex-wrap items-center gap-2"
            role="group"
            aria-label="Bulk actions"
          >
            <span className="text-sm font-semibold" aria-live="polite">
              {selection.countLabel?.(selected.length) ?? `${selected.length} selected`}
            </span>
            {selection.actions(selected, () => setRowSelection({}))}
            <Button size="sm" variant="ghost" onClick={() => setRowSelection({})}>
              Clear selection
            </Button>
          </div>
        ) : null}
        {hideable.length > 0 ? (
          <DropdownMenu>
            <DropdownMenuTrigger className={buttonVariants({ size: "sm", variant: "ghost" })}>
              <Icon name="columns" size={16} /> Columns
            </DropdownMenuTrigger>
            <DropdownMenuContent>
              <DropdownMenuLabel>Show columns</DropdownMenuLabel>
              {hideable.map((column) => (
                <DropdownMenuCheckboxItem
                  key={column.id}
                  checked={column.getIsVisible()}
                  onCheckedChange={(value) => column.toggleVisibility(value)}
                  // The menu stays open while several columns are toggled.
                  onSelect={(event) => event.preventDefault()}
                >
                  {column.columnDef.meta?.label ?? column.id}
                </DropdownMenuCheckboxItem>
              ))}
            </DropdownMenuContent>
          </DropdownMenu>
        ) : null}
      </div>
      <TableScroll role="region" aria-label={label} tabIndex={0} className="scroll-shadows">
        <Table aria-busy={busy || undefined}>
          <TableHeader>
            {table.getHeaderGroups().map((group) => (
              <TableRow key={group.id}>
                {group.headers.map((header) => {
                  const sorted = header.column.getIsSorted();
                  return (
                    <TableHead
                      key={header.id}
                      scope="col"
                      className={cn(
                        header.column.id === SELECT_COLUMN && "w-10",
                        header.column.columnDef.meta?.className,
                      )}
                      aria-sort={
                        sorted === "asc"
                          ? "ascending"
                          : sorted === "desc"
                            ? "descending"
                            : undefined
                      }
                    >
                      {header.isPlaceholder ? null : header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className="inline-flex cursor-pointer items-center gap-1 border-0 bg-transparent p-0 font-[inherit] tracking-[inherit] text-inherit uppercase hover:text-text"
                        >
                          <table.FlexRender header={header} />
                          <span aria-hidden="true" className={cn(!sorted && "opacity-40")}>
                            <Icon name={sorted === "desc" ? "arrowDown" : "arrowUp"} size={12} />
                          </span>
                        </button>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </TableHead>
                  );
                })}
              </TableRow>
            ))}
          </TableHeader>
          <TableBody>
            {table.getRowModel().rows.map((row) => (
              <TableRow key={row.id} data-state={row.getIsSelected() ? "selected" : undefined}>
                {row.getVisibleCells().map((cell) => (
                  <TableCell key={cell.id} className={cell.column.columnDef.meta?.className}>
                    <table.FlexRender cell={cell} />
                  </TableCell>
                ))}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableScroll>
    </div>
  );
}

function selectColumn<TData extends RowData>(
  selection: DataTableSelection<TData>,
): DataTableColumns<TData>[number] {
  return dataTableColumns<TData>().display({
    id: SELECT_COLUMN,
    enableSorting: false,
    enableHiding: false,
    header: ({ table }) => (
      <Checkbox
        aria-label={selection.allLabel}
        checked={
          table.getIsAllPageRowsSelected()
            ? true
            : table.getIsSomePageRowsSelected()
              ? "indeterminate"
              : false
        }
        onCheckedChange={(value) => table.toggleAllPageRowsSelected(value === true)}
      />
    ),
    cell: ({ row }) =>
      row.getCanSelect() ? (
        <Checkbox
          aria-label={selection.rowLabel(row.original)}
          checked={row.getIsSelected()}
          onCheckedChange={(value) => row.toggleSelected(value === true)}
        />
      ) : null,
  });
}
