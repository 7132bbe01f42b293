//! Concrete-value backend of the emitter API (see module docs once written).
