import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { ReactNode } from 'react';
import { NO_WRAP } from '../OneLine';

/** A result table's heading row, each heading on one line. */
export function ResultHead({ columns }: { columns: string[] }) {
  return (
    <TableHead>
      <TableRow>
        {columns.map(column => (
          <TableCell key={column} component="th" scope="col" style={NO_WRAP}>
            {column}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
  );
}

/** A result's first cell: its name, and a short id under it, heading the row. */
export function NameCell({
  name,
  detail,
}: {
  name: ReactNode;
  detail?: ReactNode;
}) {
  return (
    // MUI gives body cells role="cell", even a th: say it heads the row.
    <TableCell component="th" scope="row" role="rowheader" style={NO_WRAP}>
      {name}
      {detail && (
        <Typography variant="caption" color="textSecondary" display="block">
          {detail}
        </Typography>
      )}
    </TableCell>
  );
}
