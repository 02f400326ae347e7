"""The QA rule catalogue and its runner: find every defect in the land database and explain it."""
