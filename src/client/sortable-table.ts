/**
 * `<sortable-table>`: turns each column heading of the table inside into a button that sorts the
 * rows by that column (again to reverse), marking the order with aria-sort. Without script the
 * table stays as built, in its natural order.
 */
class SortableTable extends HTMLElement {
  connectedCallback() {
    const table = this.querySelector('table');
    const body = table?.tBodies[0];
    if (!table || !body) return;
    const headers = [...table.tHead!.rows[0].cells];
    headers.forEach((header, index) => {
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'sort-button';
      button.append(...header.childNodes);
      header.append(button);
      button.addEventListener('click', () => {
        const numeric = header.dataset.sort === 'number';
        // First click: numbers biggest first, text A→Z; a second click reverses.
        const ascending = header.getAttribute('aria-sort') ? header.getAttribute('aria-sort') === 'descending' : !numeric;
        const key = (row: HTMLTableRowElement) => row.cells[index].dataset.sortKey ?? row.cells[index].textContent ?? '';
        const rows = [...body.rows].sort((a, b) => {
          const order = numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b), 'zh-CN');
          return ascending ? order : -order;
        });
        body.append(...rows);
        for (const other of headers) other.removeAttribute('aria-sort');
        header.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      });
    });
  }
}

customElements.define('sortable-table', SortableTable);
