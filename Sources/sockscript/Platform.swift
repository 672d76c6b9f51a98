// The C library, imported once for every file of the executable (as swift-nio's System.swift
// does): the other files use its functions without a `#if` of their own.
#if canImport(Glibc)
  @_exported import Glibc
#elseif canImport(Darwin)
  @_exported import Darwin
#endif
