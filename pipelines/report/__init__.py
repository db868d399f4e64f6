"""The HTML report: charts and tables from the current tables (`aiscout report`)."""
