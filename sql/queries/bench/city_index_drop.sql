drop index {index}
