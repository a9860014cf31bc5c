/** "1 cell", "3 cells": a count with its noun, plural but for one. */
export function countOf(count: number, noun: string): string {
  return `${count} ${count === 1 ? noun : `${noun}s`}`;
}
