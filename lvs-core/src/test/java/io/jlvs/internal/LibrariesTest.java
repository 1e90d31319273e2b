package io.jlvs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** A missing optional library is one sentence naming its coordinates; present ones pass. */
class LibrariesTest {
    @Test
    void presentLibrariesPass() {
        Libraries.require("the director", Libraries.DIRECTOR);
    }

    @Test
    void aMissingLibraryIsNamedWithItsCoordinates() {
        Libraries.Library absent = new Libraries.Library("org.example.Absent", "org.example:absent");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> Libraries.require("the thing", Libraries.JACKSON, absent));
        assertEquals("the thing needs org.example:absent on the class path: optional dependencies of io.jlvs:lvs-core,"
                + " which a user of IpvsClient alone does not need; add them to your build (docs/dependencies.md lists"
                + " which part needs which)", e.getMessage());
    }
}
