export { cn } from "./lib/cn";
export { Alert, type AlertTone } from "./components/alert";
export { Badge, badgeVariants, type BadgeTone } from "./components/badge";
export {
  Button,
  buttonVariants,
  Spinner,
  type ButtonProps,
  type ButtonStyle,
  type ButtonVariant,
} from "./components/button";
export { Checkbox } from "./components/checkbox";
export {
  DataTable,
  dataTableColumns,
  dataTableFeatures,
  type DataTableColumnMeta,
  type DataTableColumns,
  type DataTableFeatures,
  type DataTableProps,
  type DataTableSelection,
  type SortingState,
} from "./components/data-table";
export { Dialog } from "./components/dialog";
export {
  DropdownMenu,
  DropdownMenuCheckboxItem,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "./components/dropdown-menu";
export { Icon, type IconName } from "./components/icons";
export { controlClass, Input, NativeSelect, Textarea } from "./components/input";
export { Label } from "./components/label";
export { Popover } from "./components/popover";
export {
  Select,
  SelectContent,
  SelectGroup,
  SelectItem,
  SelectTrigger,
  SelectValue,
} from "./components/select";
export { StyleNonce } from "./components/style-nonce";
export {
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  TableScroll,
} from "./components/table";
