/** Child processes of the station: JVMs started with an environment the station cannot give itself. */
package dev.hallmark.app.process;
