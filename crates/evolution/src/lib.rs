//! Evolutionary dynamics: how strategies and doctrines spread in populations (replicator equations, finite well-mixed populations, structured populations). No I/O.
